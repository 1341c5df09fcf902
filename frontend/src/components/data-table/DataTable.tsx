import { Skeleton, Table } from '@mantine/core';
import { flexRender, type Row, type Table as TanTable } from '@tanstack/react-table';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import classes from './DataTable.module.css';
import './types';

interface Props<T> {
  table: TanTable<T>;
  /** First load: show skeleton rows. Later loads keep the old rows (no flicker). */
  loading: boolean;
  empty: ReactNode;
  onRowOpen?: (row: T) => void;
  label: string;
  skeletonRows?: number;
}

const INTERACTIVE = 'a, button, input, label, [role="menuitem"], [role="checkbox"], [data-no-row-open]';

function focusSibling(el: HTMLElement, direction: 1 | -1) {
  const next = direction === 1 ? el.nextElementSibling : el.previousElementSibling;
  if (next instanceof HTMLElement) next.focus();
}

export function DataTable<T>({ table, loading, empty, onRowOpen, label, skeletonRows = 10 }: Props<T>) {
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();

  const onKeyDown = (row: Row<T>) => (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') onRowOpen?.(row.original);
    else if (event.key === 'ArrowDown') focusSibling(event.currentTarget, 1);
    else if (event.key === 'ArrowUp') focusSibling(event.currentTarget, -1);
    else return;
    event.preventDefault();
  };

  const onClick = (row: Row<T>) => (event: MouseEvent<HTMLTableRowElement>) => {
    if (!(event.target instanceof Element) || event.target.closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return;
    onRowOpen?.(row.original);
  };

  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table striped highlightOnHover stickyHeader aria-label={label} aria-busy={loading} className={classes.table}>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <Table.Th
                    key={header.id}
                    ta={header.column.columnDef.meta?.align ?? 'left'}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    style={{ width: header.getSize() !== 150 ? header.getSize() : undefined }}
                  >
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {loading &&
            Array.from({ length: skeletonRows }, (_, i) => (
              <Table.Tr key={`skeleton-${i}`}>
                {columns.map((column) => (
                  <Table.Td key={column.id}>
                    <Skeleton height={12} width={column.columnDef.meta?.skeletonWidth ?? '70%'} radius="sm" />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          {!loading && rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          )}
          {!loading &&
            rows.map((row) => (
              <Table.Tr
                key={row.id}
                tabIndex={0}
                className={classes.row}
                data-selected={row.getIsSelected() || undefined}
                onKeyDown={onKeyDown(row)}
                onClick={onClick(row)}
              >
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id} ta={cell.column.columnDef.meta?.align ?? 'left'}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
