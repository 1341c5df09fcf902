import { Table } from '@mantine/core';
import { flexRender, type ColumnMeta, type Row } from '@tanstack/react-table';
import { memo, type CSSProperties, type HTMLAttributes, type KeyboardEvent, type MouseEvent } from 'react';
import classes from './DataTable.module.css';
import './types';

/** What a row adds to its `<tr>`: test ids, a status for styling, a style (e.g. struck through). */
export type RowProps = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

const ALIGN = { left: { textAlign: 'left' }, right: { textAlign: 'right' } } as const;

/** A cell's class and style: sticky at the start (with its offset) or the end, fixed width, alignment. */
export function cellLayout(meta: ColumnMeta<unknown, unknown> | undefined, base?: string): { className: string | undefined; style: CSSProperties } {
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

export interface BodyRowProps {
  row: Row<unknown>;
  selected: boolean;
  /** Visible columns in order: a change re-renders the row. */
  columnIds: string;
  /** The column definitions: new ones (another language, tag colours) re-render the row. */
  columnDefs: unknown;
  /** Opening a row (click, Enter) makes it focusable and walkable with the arrow keys. */
  onRowOpen: ((row: unknown) => void) | undefined;
  striped: boolean;
  hover: boolean;
  rowProps: ((row: unknown) => RowProps) | undefined;
}

/** One row: plain <tr>/<td> with Mantine's table classes and attributes (striped, hover, row border). */
export function DataTableRow({ row, selected, onRowOpen, striped, hover, rowProps }: BodyRowProps) {
  const opens = onRowOpen !== undefined;
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
  // Table.Tr/Td are full Mantine components, and a page of 50 rows has 650 cells to mount.
  return (
    <tr
      {...rowProps?.(row.original)}
      tabIndex={opens ? 0 : undefined}
      className={opens ? `${Table.classes.tr} ${classes.row}` : Table.classes.tr}
      data-striped={striped ? 'odd' : undefined}
      data-hover={hover || undefined}
      data-with-row-border
      data-selected={selected || undefined}
      onKeyDown={opens ? onKeyDown : undefined}
      onClick={opens ? onClick : undefined}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} {...cellLayout(cell.column.columnDef.meta, Table.classes.td)}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}

/**
 * The grid's row, re-rendered only when its data, selection or columns change: typing in the
 * search box updates the URL and the page before the new rows arrive, and the old rows need not
 * render again. Small tables use the plain row: their cells read state beside the row (a pending
 * mutation, the signed-in user) and are few.
 */
export const MemoRow = memo(DataTableRow);
