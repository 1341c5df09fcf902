import { Group, MultiSelect, NumberInput, SegmentedControl, Select, TagsInput, TextInput } from '@mantine/core';
import { DateInput, DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useTags } from '@/features/tags/queries';
import { enumLabel, LIST_OPS, RELATIVE_OPS, type FieldInfo } from './fields';
import { RelativeInput } from './RelativeInput';

interface Props {
  field: FieldInfo;
  op: string;
  value: unknown;
  onChange: (value: unknown) => void;
}

const asString = (v: unknown): string => (typeof v === 'string' ? v : '');
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asNumber = (v: unknown): number | string => (typeof v === 'number' ? v : '');
const asPair = (v: unknown): [unknown, unknown] => (Array.isArray(v) ? [v[0], v[1]] : [null, null]);
const num = (n: number | string): number | null => (typeof n === 'number' ? n : null);

/** The value part of a condition, shaped by the field's type and the operator. */
export function ValueInput({ field, op, value, onChange }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  const label = t('filter.value');
  if (field.no_value_operators.includes(op)) return null;
  if (RELATIVE_OPS.has(op)) return <RelativeInput value={value} onChange={onChange} />;

  switch (field.type) {
    case 'number':
    case 'money': {
      if (op === 'between') {
        const [lo, hi] = asPair(value);
        return (
          <Group gap={4} wrap="nowrap">
            <NumberInput aria-label={t('filter.from')} value={asNumber(lo)} onChange={(n) => onChange([num(n), hi])} w={110} />
            <NumberInput aria-label={t('filter.to')} value={asNumber(hi)} onChange={(n) => onChange([lo, num(n)])} w={110} />
          </Group>
        );
      }
      return <NumberInput aria-label={label} value={asNumber(value)} onChange={(n) => onChange(num(n))} w={160} />;
    }
    case 'date':
    case 'datetime': {
      if (op === 'between') {
        const [lo, hi] = asPair(value);
        return (
          <DatePickerInput
            type="range"
            aria-label={label}
            value={[asString(lo) || null, asString(hi) || null]}
            onChange={([a, b]) => onChange([a, b])}
            valueFormat="L"
            w={240}
          />
        );
      }
      return <DateInput aria-label={label} value={asString(value) || null} onChange={onChange} valueFormat="L" w={160} />;
    }
    case 'enum': {
      const data = (field.enum_values ?? []).map((v) => ({ value: v, label: enumLabel(t, field.name, v) }));
      if (LIST_OPS.has(op)) {
        return <MultiSelect aria-label={label} data={data} value={asStrings(value)} onChange={onChange} w={240} />;
      }
      return <Select aria-label={label} data={data} value={asString(value) || null} onChange={onChange} w={180} />;
    }
    case 'tags':
      return (
        <MultiSelect
          aria-label={label}
          data={(tags.data ?? []).map((tag) => tag.name)}
          value={asStrings(value)}
          onChange={onChange}
          searchable
          w={260}
          data-testid="filter-tags"
        />
      );
    case 'boolean':
      return (
        <SegmentedControl
          aria-label={label}
          data={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          value={value === false ? 'false' : 'true'}
          onChange={(v) => onChange(v === 'true')}
        />
      );
    default:
      if (LIST_OPS.has(op)) {
        return <TagsInput aria-label={label} value={asStrings(value)} onChange={onChange} w={260} />;
      }
      return (
        <TextInput aria-label={label} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} w={200} />
      );
  }
}
