import { Group, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { Header } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

/** Use as a table's `defaultColumn.header`: the label from `meta`, sortable by a click. */
export function DataTableColumnHeader<T>({ header }: { header: Header<T, unknown> }) {
  const { t } = useTranslation();
  const column = header.column;
  const label = column.columnDef.meta?.label ?? column.id;
  if (!column.getCanSort()) return <>{label}</>;
  const sorted = column.getIsSorted();
  const Icon = sorted === 'asc' ? IconArrowUp : sorted === 'desc' ? IconArrowDown : IconArrowsSort;
  const index = column.getSortIndex();
  return (
    <UnstyledButton
      onClick={column.getToggleSortingHandler()}
      title={t('table.sortHint')}
      fw={600}
      fz="sm"
      data-testid={`sort-${column.id}`}
    >
      <Group gap={4} wrap="nowrap" justify={column.columnDef.meta?.align === 'right' ? 'flex-end' : 'flex-start'}>
        <span>{label}</span>
        <Icon size={14} stroke={1.8} opacity={sorted ? 1 : 0.35} aria-hidden />
        {sorted && header.getContext().table.getState().sorting.length > 1 && <sup>{index + 1}</sup>}
      </Group>
    </UnstyledButton>
  );
}
