import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';

const NO_ROWS: never[] = [];

/**
 * A small table's TanStack instance for `<DataTable variant="simple">`: the rows as given (the
 * server pages and orders them), no sorting, selection or column preferences.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column type: each column has its own value type
export function useSimpleTable<T>(data: readonly T[] | undefined, columns: ColumnDef<T, any>[], getRowId?: (row: T, index: number) => string) {
  // TanStack Table's hook returns functions the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useReactTable<T>({
    data: (data ?? NO_ROWS) as T[],
    columns,
    getRowId,
    enableSorting: false,
    enableRowSelection: false,
    getCoreRowModel: getCoreRowModel(),
  });
}
