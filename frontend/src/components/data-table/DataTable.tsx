import { Skeleton, Table, type MantineFontSize, type MantineSpacing, type StyleProp } from '@mantine/core';
import { flexRender, type ColumnMeta, type Table as TanTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import classes from './DataTable.module.css';
import { cellLayout, DataTableRow, MemoRow, type RowProps } from './DataTableRow';
import './types';

export type { RowProps } from './DataTableRow';

interface Props<T> {
  table: TanTable<T>;
  /** First load: show skeleton rows. Later loads keep the old rows (no flicker). */
  loading?: boolean;
  /** Shown in one full-width row when there are no rows; nothing when not given. */
  empty?: ReactNode;
  onRowOpen?: (row: T) => void;
  /** The table's accessible name. */
  label?: string;
  skeletonRows?: number;
  /**
   * `grid`: a screen's main list (at least 720 px scrolling sideways, sticky header, one line per
   * row, striped with hover, memoised rows). `simple`: a small table inside a screen (settings
   * lists, logs, ledgers): its container's width, values may wrap.
   */
  variant?: 'grid' | 'simple';
  /** Simple tables: stripe the rows (the grid always does). */
  striped?: boolean;
  verticalSpacing?: MantineSpacing;
  /** Simple tables: text size of the cells. */
  fz?: MantineFontSize;
  /** Simple tables: a top margin. */
  mt?: StyleProp<MantineSpacing>;
  /** Without a header row (e.g. a voucher's redemptions under the voucher). */
  withHeader?: boolean;
  /** Extra attributes of a row's `<tr>`: test ids, a status, a style. */
  rowProps?: (row: T) => RowProps;
  'data-testid'?: string;
}

function headLayout<T>(meta: ColumnMeta<T, unknown> | undefined, size: number) {
  const layout = cellLayout(meta);
  const width = meta?.width ?? (!meta?.fixedWidth && size !== 150 ? size : undefined);
  return { ...layout, style: { ...layout.style, ...(width !== undefined ? { width } : {}) } };
}

/** The one table of the app: the customers grid and every smaller list, all from a TanStack table. */
export function DataTable<T>(props: Props<T>) {
  const { table, loading = false, empty, onRowOpen, label, skeletonRows = 10, variant = 'grid', withHeader = true, rowProps } = props;
  const grid = variant === 'grid';
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const Row = grid ? MemoRow : DataTableRow;
  const striped = grid || (props.striped ?? false);

  const columnIds = columns.map((c) => c.id).join(',');
  const body = (
    <Table
      striped={striped}
      highlightOnHover={grid}
      stickyHeader={grid}
      verticalSpacing={props.verticalSpacing}
      fz={props.fz}
      mt={props.mt}
      aria-label={label}
      aria-busy={loading}
      className={grid ? classes.table : undefined}
      data-testid={props['data-testid']}
    >
      {withHeader && (
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
      )}
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
        {!loading && rows.length === 0 && empty !== undefined && (
          <Table.Tr>
            <Table.Td colSpan={columns.length}>{empty}</Table.Td>
          </Table.Tr>
        )}
        {!loading &&
          rows.map((row) => (
            <Row
              key={row.id}
              row={row}
              selected={row.getIsSelected()}
              columnIds={columnIds}
              columnDefs={table.options.columns}
              onRowOpen={onRowOpen as ((row: unknown) => void) | undefined}
              striped={striped}
              hover={grid}
              rowProps={rowProps as ((row: unknown) => RowProps) | undefined}
            />
          ))}
      </Table.Tbody>
    </Table>
  );
  if (!grid) return body;
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      {body}
    </Table.ScrollContainer>
  );
}
