import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Paper, Select, TagsInput, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CustomFieldType } from '@/api/types';
import { useCreateCustomField } from '@/features/custom-fields/queries';
import { applyProblemToForm } from '@/lib/formErrors';
import { notifySuccess } from '@/lib/notify';

const TYPES = ['text', 'number', 'date', 'boolean', 'choice'] as const satisfies readonly CustomFieldType[];

/** `Ulubiony kolor` → `ulubiony_kolor`: a key the API accepts, derived from the label. */
export function keyFromLabel(label: string): string {
  const plain = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
  const key = plain.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(key) ? key.slice(0, 63) : `f_${key}`.slice(0, 63);
}

const schema = z.object({
  label: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
  type: z.enum(TYPES),
  choices: z.array(z.string()).max(200, { error: 'too_long' }),
  required: z.boolean(),
});
type FieldValues = z.infer<typeof schema>;

const EMPTY: FieldValues = { label: '', type: 'text', choices: [], required: false };

/** A new custom field: its label (the key follows from it), type, choices and whether it is required. */
export function CustomFieldForm() {
  const { t } = useTranslation();
  const create = useCreateCustomField();
  const { control, register, handleSubmit, setError, resetField, formState } = useForm<FieldValues>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
  });
  const [label, type] = useWatch({ control, name: ['label', 'type'] });
  const message = (key: string | undefined) => key && t(`validation.${key}` as 'validation.invalid');

  const submit = handleSubmit((v) =>
    create.mutate(
      { key: keyFromLabel(v.label), label: v.label, type: v.type, required: v.required, choices: v.type === 'choice' ? v.choices : null },
      {
        onSuccess: () => {
          notifySuccess(t('settings.saved'));
          resetField('label');
          resetField('choices');
        },
        onError: (e) => applyProblemToForm(e, setError, Object.keys(EMPTY), { mapPath: (p) => (p === 'key' ? 'label' : p), codeFields: { custom_field_exists: 'label' } }),
      },
    ),
  );

  return (
    <Paper withBorder p="sm" radius="md" component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-end">
        <TextInput label={t('settings.fields.label')} description={label ? keyFromLabel(label) : ' '} error={message(formState.errors.label?.message)} {...register('label')} />
        <Controller
          control={control}
          name="type"
          render={({ field }) => (
            <Select
              label={t('settings.fields.type')}
              data={TYPES.map((v) => ({ value: v, label: t(`settings.fields.types.${v}`) }))}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
              onBlur={field.onBlur}
              allowDeselect={false}
              w={140}
            />
          )}
        />
        {type === 'choice' && (
          <Controller
            control={control}
            name="choices"
            render={({ field, fieldState }) => (
              <TagsInput label={t('settings.fields.choices')} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={message(fieldState.error?.message)} w={260} />
            )}
          />
        )}
        <Controller
          control={control}
          name="required"
          render={({ field }) => (
            <Checkbox label={t('settings.fields.required')} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} onBlur={field.onBlur} mb={8} />
          )}
        />
        <Button type="submit" leftSection={<IconPlus size={16} />} disabled={!label.trim()} loading={create.isPending}>
          {t('settings.fields.add')}
        </Button>
      </Group>
    </Paper>
  );
}
