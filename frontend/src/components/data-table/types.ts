import type { RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name in headers and the column chooser. */
    label: string;
    align?: 'left' | 'right';
    /** Selection and row menu: not in the column chooser, never moved. */
    fixed?: boolean;
    /**
     * Stays in view while the table scrolls sideways: at the start (selection, the customer's
     * name) `stickyOffset` px from the left edge, or at the end (the row menu).
     */
    sticky?: 'start' | 'end';
    /** A start column's distance from the left edge: the widths of the sticky columns before it. */
    stickyOffset?: number;
    /** A fixed width in px (sticky start columns need one, so the next knows its offset). */
    fixedWidth?: number;
    /** The column's share of a simple table, e.g. `'30%'`, set on its header. */
    width?: string;
    /** Skeleton width hint while loading. */
    skeletonWidth?: number;
  }
}

export {};
