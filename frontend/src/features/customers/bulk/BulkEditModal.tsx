import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { countryOptions } from '@/lib/countries';
import { useFormCheck } from '@/lib/formCheck';

/** The fields the API lets a bulk action set (app/bulk/service.py EDITABLE, status has its own action). */
export const MASS_EDIT_FIELDS = ['type', 'gender', 'country', 'city', 'street', 'postal_code', 'company_name', 'notes'] as const;
type Field = (typeof MASS_EDIT_FIELDS)[number];

const CHOICES: Partial<Record<Field, { values: string[]; prefix: string }>> = {
  type: { values: ['lead', 'customer', 'registered'], prefix: 'customer.types' },
  gender: { values: ['female', 'male', 'other', 'unknown'], prefix: 'customer.genders' },
};

// A choice field has no "empty": it needs a value before it can be applied.
const needsValue = (f: Field) => Boolean(CHOICES[f]) || f === 'country';

const schema = z
  .object({
    chosen: z.array(z.enum(MASS_EDIT_FIELDS)).min(1, { error: 'required' }),
    values: z.partialRecord(z.enum(MASS_EDIT_FIELDS), z.string()),
  })
  .refine((v) => v.chosen.every((f) => !needsValue(f) || Boolean(v.values[f])), { path: ['values'], error: 'required' });
type EditValues = z.infer<typeof schema>;

interface Props {
  opened: boolean;
  count: string;
  onClose: () => void;
  onRun: (fields: Record<string, string | null>) => void;
}

/** Set the same values on every selected customer: tick a field, give its value (empty clears it). */
export function BulkEditModal({ opened, count, onClose, onRun }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('bulk.editTitle', { count })} size="lg" centered>
      {/* Inside the modal, which unmounts it on close: each opening starts with nothing ticked. */}
      <BulkEditForm onClose={onClose} onRun={onRun} />
    </Modal>
  );
}

function FieldInput({ f, control }: { f: Field; control: Control<EditValues> }) {
  const { t, i18n } = useTranslation();
  const label = t(`customer.fields.${f}`);
  const choice = CHOICES[f];
  return (
    <Controller
      control={control}
      name={`values.${f}`}
      render={({ field }) => {
        const common = { 'aria-label': label, onBlur: field.onBlur };
        if (choice) {
          const data = choice.values.map((v) => ({ value: v, label: t(`${choice.prefix}.${v}` as 'customer.types.lead') }));
          return <Select {...common} data={data} value={field.value ?? null} onChange={(v) => v && field.onChange(v)} allowDeselect={false} />;
        }
        if (f === 'country') {
          return <Select {...common} data={countryOptions(i18n.language)} searchable value={field.value ?? null} onChange={(v) => v && field.onChange(v)} />;
        }
        if (f === 'notes') return <Textarea {...common} autosize minRows={2} value={field.value ?? ''} onChange={(e) => field.onChange(e.currentTarget.value)} />;
        return <TextInput {...common} value={field.value ?? ''} onChange={(e) => field.onChange(e.currentTarget.value)} data-testid={`mass-edit-${f}`} />;
      }}
    />
  );
}

function BulkEditForm({ onClose, onRun }: Pick<Props, 'onClose' | 'onRun'>) {
  const { t } = useTranslation();
  const { control, handleSubmit } = useForm<EditValues>({ resolver: zodResolver(schema), defaultValues: { chosen: [], values: {} } });
  const chosen = useWatch({ control, name: 'chosen' });
  const { valid } = useFormCheck(schema, control);
  const submit = handleSubmit((v) => {
    onRun(Object.fromEntries(v.chosen.map((f) => [f, v.values[f]?.trim() || null])));
    onClose();
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="xs" data-testid="mass-edit">
        <Text size="sm" c="dimmed">
          {t('bulk.editHint')}
        </Text>
        <Controller
          control={control}
          name="chosen"
          render={({ field }) => (
            <>
              {MASS_EDIT_FIELDS.map((f) => (
                <Group key={f} wrap="nowrap" align="flex-start" gap="sm">
                  <Checkbox
                    w={170}
                    mt={8}
                    label={t(`customer.fields.${f}`)}
                    checked={field.value.includes(f)}
                    onChange={(e) => field.onChange(e.currentTarget.checked ? [...field.value, f] : field.value.filter((x) => x !== f))}
                    data-testid={`mass-edit-pick-${f}`}
                  />
                  <div style={{ flex: 1 }}>{chosen.includes(f) ? <FieldInput f={f} control={control} /> : null}</div>
                </Group>
              ))}
            </>
          )}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!valid} data-testid="mass-edit-apply">
            {t('bulk.apply')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
