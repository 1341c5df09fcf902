import { Skeleton, Table } from '@mantine/core';
import { flexRender, type ColumnMeta, type Row, type Table as TanTable } from '@tanstack/react-table';
import { memo, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
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

const ALIGN = { left: { textAlign: 'left' }, right: { textAlign: 'right' } } as const;

/** A cell's class and style: sticky at the start (with its offset) or the end, fixed width, alignment. */
function cellLayout(meta: ColumnMeta<unknown, unknown> | undefined, base?: string): { className: string | undefined; style: CSSProperties } {
  const sticky = meta?.sticky === 'start' ? classes.sticky : meta?.sticky === 'end' ? classes.stickyEnd : undefined;
  const width = meta?.fixedWidth;
  return {
    className: [base, sticky].filter(Boolean).join(' ') || undefined,
    style: {
      ...ALIGN[meta?.align ?? 'left'],
      ...(meta?.sticky === 'start' ? { left: meta.stickyOffset ?? 0 } : {}),
      ...(width ? { width, minWidth: width, maxWidth: width } : {}),
    },
  };
}

const INTERACTIVE = 'a, button, input, label, [role="menuitem"], [role="checkbox"], [data-no-row-open]';

function focusSibling(el: HTMLElement, direction: 1 | -1) {
  const next = direction === 1 ? el.nextElementSibling : el.previousElementSibling;
  if (next instanceof HTMLElement) next.focus();
}

interface BodyRowProps {
  row: Row<unknown>;
  selected: boolean;
  /** Visible columns in order: a change re-renders the row. */
  columnIds: string;
  /** The column definitions: new ones (another language, tag colours) re-render the row. */
  columnDefs: unknown;
  onRowOpen: ((row: unknown) => void) | undefined;
}

/**
 * One row, re-rendered only when its data, selection or columns change: typing in the search box
 * updates the URL and the page before the new rows arrive, and the old rows need not render again.
 */
const BodyRow = memo(function BodyRow({ row, selected, onRowOpen }: BodyRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') onRowOpen?.(row.original);
    else if (event.key === 'ArrowDown') focusSibling(event.currentTarget, 1);
    else if (event.key === 'ArrowUp') focusSibling(event.currentTarget, -1);
    else return;
    event.preventDefault();
  };
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (!(event.target instanceof Element) || event.target.closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return;
    onRowOpen?.(row.original);
  };
  // Plain <tr>/<td> with Mantine's table classes and attributes (striped, hover, row border):
  // Table.Tr/Td are full Mantine components, and a page of 50 rows has 650 cells to mount.
  return (
    <tr
      tabIndex={0}
      className={`${Table.classes.tr} ${classes.row}`}
      data-striped="odd"
      data-hover
      data-with-row-border
      data-selected={selected || undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} {...cellLayout(cell.column.columnDef.meta, Table.classes.td)}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
});

function headLayout<T>(meta: ColumnMeta<T, unknown> | undefined, size: number) {
  const layout = cellLayout(meta);
  return { ...layout, style: { ...layout.style, ...(!meta?.fixedWidth && size !== 150 ? { width: size } : {}) } };
}

export function DataTable<T>({ table, loading, empty, onRowOpen, label, skeletonRows = 10 }: Props<T>) {
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();

  const columnIds = columns.map((c) => c.id).join(',');
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
                    {...headLayout(header.column.columnDef.meta, header.getSize())}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
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
                  <Table.Td key={column.id} {...cellLayout(column.columnDef.meta)}>
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
              <BodyRow
                key={row.id}
                row={row}
                selected={row.getIsSelected()}
                columnIds={columnIds}
                columnDefs={table.options.columns}
                onRowOpen={onRowOpen as ((row: unknown) => void) | undefined}
              />
            ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
