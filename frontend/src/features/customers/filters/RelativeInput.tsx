import { Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const UNITS = ['d', 'w', 'm', 'y'] as const;

/** `30d`, `4w`, `3m`, `1y`: a number and a unit. */
export function RelativeInput({ value, onChange }: { value: unknown; onChange: (value: string | null) => void }) {
  const { t } = useTranslation();
  const m = typeof value === 'string' ? /^(\d+)([dwmy])$/.exec(value) : null;
  const amount = m ? Number(m[1]) : '';
  const unit = (m?.[2] ?? 'd') as (typeof UNITS)[number];
  const set = (n: number | string, u: string) => onChange(typeof n === 'number' && n > 0 ? `${n}${u}` : null);
  return (
    <Group gap={4} wrap="nowrap">
      <NumberInput
        aria-label={t('filter.amount')}
        value={amount}
        onChange={(n) => set(n, unit)}
        min={1}
        max={3650}
        w={90}
        allowDecimal={false}
      />
      <Select
        aria-label={t('filter.unit')}
        data={UNITS.map((u) => ({ value: u, label: t(`filter.unitNames.${u}`) }))}
        value={unit}
        onChange={(u) => u && set(amount, u)}
        allowDeselect={false}
        w={110}
      />
    </Group>
  );
}
