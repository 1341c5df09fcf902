import type { RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name in headers and the column chooser. */
    label: string;
    align?: 'left' | 'right';
    /** Selection and row menu: not in the column chooser, never moved. */
    fixed?: boolean;
    /** Stays in view while the table scrolls sideways (the customer's name). */
    sticky?: boolean;
    /** Skeleton width hint while loading. */
    skeletonWidth?: number;
  }
}

export {};
