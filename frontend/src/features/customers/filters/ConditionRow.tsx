import { ActionIcon, Group, Select } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { groupFields } from './fieldGroups';
import { fieldLabel, LIST_OPS, opLabel, type FieldInfo } from './fields';
import type { DraftCondition } from './tree';
import { ValueInput } from './ValueInput';

interface Props {
  condition: DraftCondition;
  fields: FieldInfo[];
  onChange: (next: DraftCondition) => void;
  onRemove: () => void;
}

/** A value that fits the new operator: lists for list operators, pairs for `between`, else cleared. */
function carryValue(value: unknown, fromOp: string | null, toOp: string): unknown {
  const wasList = fromOp !== null && LIST_OPS.has(fromOp);
  if (LIST_OPS.has(toOp)) return wasList ? value : value === null || value === '' ? [] : [value];
  if (toOp === 'between' || fromOp === 'between') return toOp === fromOp ? value : null;
  return wasList ? null : value;
}

export function ConditionRow({ condition, fields, onChange, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const field = fields.find((f) => f.name === condition.field);

  return (
    <Group gap="xs" wrap="wrap" align="center" data-testid="filter-condition">
      <Select
        aria-label={t('filter.field')}
        placeholder={t('filter.field')}
        data={groupFields(fields, (f) => ({ value: f.name, label: fieldLabel(f, f.name, i18n.language) }), (g) => t(`filter.groups.${g}`))}
        value={condition.field}
        onChange={(name) => {
          const next = fields.find((f) => f.name === name);
          const op = next?.operators[0] ?? null;
          onChange({ ...condition, field: name, op, value: op && LIST_OPS.has(op) ? [] : null });
        }}
        searchable
        w={220}
        maxDropdownHeight={360}
        comboboxProps={{ width: 280 }}
        data-testid="filter-field"
      />
      {field && (
        <Select
          aria-label={t('filter.operator')}
          data={field.operators.map((op) => ({ value: op, label: opLabel(t, op) }))}
          value={condition.op}
          onChange={(op) => op && onChange({ ...condition, op, value: carryValue(condition.value, condition.op, op) })}
          allowDeselect={false}
          w={190}
          data-testid="filter-op"
        />
      )}
      {field && condition.op && (
        <ValueInput
          field={field}
          op={condition.op}
          value={condition.value}
          onChange={(value) => onChange({ ...condition, value })}
        />
      )}
      <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={t('filter.removeCondition')}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}
