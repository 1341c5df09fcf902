import { Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '@/lib/countries';

/** The fields the API lets a bulk action set (app/bulk/service.py EDITABLE, status has its own action). */
export const MASS_EDIT_FIELDS = ['type', 'gender', 'country', 'city', 'street', 'postal_code', 'company_name', 'notes'] as const;
type Field = (typeof MASS_EDIT_FIELDS)[number];

const CHOICES: Partial<Record<Field, { values: string[]; prefix: string }>> = {
  type: { values: ['lead', 'customer', 'registered'], prefix: 'customer.types' },
  gender: { values: ['female', 'male', 'other', 'unknown'], prefix: 'customer.genders' },
};

interface Props {
  opened: boolean;
  count: string;
  onClose: () => void;
  onRun: (fields: Record<string, string | null>) => void;
}

/** Set the same values on every selected customer: tick a field, give its value (empty clears it). */
export function BulkEditModal({ opened, count, onClose, onRun }: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const [chosen, setChosen] = useState<Field[]>([]);
  const close = () => {
    setValues({});
    setChosen([]);
    onClose();
  };
  const set = (f: Field, v: string) => setValues((prev) => ({ ...prev, [f]: v }));
  const toggle = (f: Field, on: boolean) => setChosen((prev) => (on ? [...prev, f] : prev.filter((x) => x !== f)));
  // A choice field has no "empty": it needs a value before it can be applied.
  const needsValue = (f: Field) => Boolean(CHOICES[f]) || f === 'country';
  const ready = chosen.length > 0 && chosen.every((f) => !needsValue(f) || Boolean(values[f]));

  const input = (f: Field) => {
    const label = t(`customer.fields.${f}`);
    const choice = CHOICES[f];
    if (choice) {
      const data = choice.values.map((v) => ({ value: v, label: t(`${choice.prefix}.${v}` as 'customer.types.lead') }));
      return <Select aria-label={label} data={data} value={values[f] ?? null} onChange={(v) => v && set(f, v)} allowDeselect={false} />;
    }
    if (f === 'country') {
      return <Select aria-label={label} data={countryOptions(i18n.language)} searchable value={values[f] ?? null} onChange={(v) => v && set(f, v)} />;
    }
    if (f === 'notes') return <Textarea aria-label={label} autosize minRows={2} value={values[f] ?? ''} onChange={(e) => set(f, e.currentTarget.value)} />;
    return <TextInput aria-label={label} value={values[f] ?? ''} onChange={(e) => set(f, e.currentTarget.value)} data-testid={`mass-edit-${f}`} />;
  };

  return (
    <Modal opened={opened} onClose={close} title={t('bulk.editTitle', { count })} size="lg" centered>
      <Stack gap="xs" data-testid="mass-edit">
        <Text size="sm" c="dimmed">
          {t('bulk.editHint')}
        </Text>
        {MASS_EDIT_FIELDS.map((f) => (
          <Group key={f} wrap="nowrap" align="flex-start" gap="sm">
            <Checkbox
              w={170}
              mt={8}
              label={t(`customer.fields.${f}`)}
              checked={chosen.includes(f)}
              onChange={(e) => toggle(f, e.currentTarget.checked)}
              data-testid={`mass-edit-pick-${f}`}
            />
            <div style={{ flex: 1 }}>{chosen.includes(f) ? input(f) : null}</div>
          </Group>
        ))}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!ready}
            onClick={() => {
              onRun(Object.fromEntries(chosen.map((f) => [f, values[f]?.trim() || null])));
              close();
            }}
            data-testid="mass-edit-apply"
          >
            {t('bulk.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
