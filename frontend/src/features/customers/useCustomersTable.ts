import {
  getCoreRowModel,
  useReactTable,
  type OnChangeFn,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { DataTableColumnHeader } from '@/components/data-table/DataTableColumnHeader';
import { useColumnPreferences } from '@/components/data-table/useColumnPreferences';
import { useMe } from '@/features/auth/queries';
import { useTagColours } from '@/features/tags/queries';
import { parseSort, serializeSort } from '@/lib/sort';
import { useFormatters } from '@/lib/useFormatters';
import { buildCustomerColumns, DEFAULT_VISIBLE, SORTABLE_FALLBACK } from './columns';
import { useCustomerFields } from './queries';

const NO_ROWS: Customer[] = [];

interface Options {
  rows: Customer[] | undefined;
  sort: string;
  onSortChange: (sort: string | undefined) => void;
  rowActions: (customer: Customer) => ReactNode;
  rowSelection: RowSelectionState;
  onRowSelectionChange: OnChangeFn<RowSelectionState>;
}

/** The customers grid: server-driven sorting and paging, columns remembered per user. */
export function useCustomersTable(options: Options) {
  const { rows, sort, onSortChange, rowActions, rowSelection, onRowSelectionChange } = options;
  const { t } = useTranslation();
  const { user } = useMe();
  const fmt = useFormatters();
  const tagColours = useTagColours();
  const fields = useCustomerFields();
  const sorting = useMemo(() => parseSort(sort), [sort]);
  const sortable = useMemo(
    () => (fields.data ? new Set(fields.data.filter((f) => f.sortable).map((f) => f.name)) : SORTABLE_FALLBACK),
    [fields.data],
  );

  const columns = useMemo(
    () => buildCustomerColumns({ t, fmt, tagColours, sortable, rowActions }),
    [t, fmt, tagColours, sortable, rowActions],
  );
  const defaults = useMemo(() => {
    const order = columns.map((c) => c.id ?? '');
    return { order, visibility: Object.fromEntries(order.map((id) => [id, DEFAULT_VISIBLE.includes(id)])) };
  }, [columns]);
  const prefs = useColumnPreferences(`kt:columns:customers:${user.id}`, defaults);

  const onSortingChange = (updater: Updater<SortingState>) => {
    onSortChange(serializeSort(typeof updater === 'function' ? updater(sorting) : updater));
  };

  // TanStack Table's hook returns functions the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows ?? NO_ROWS,
    columns,
    state: { sorting, columnOrder: prefs.order, columnVisibility: prefs.visibility, rowSelection },
    enableRowSelection: true,
    onRowSelectionChange,
    manualPagination: true,
    manualSorting: true,
    enableMultiSort: true,
    getRowId: (c) => c.id,
    onSortingChange,
    onColumnOrderChange: prefs.setColumnOrder,
    onColumnVisibilityChange: prefs.setColumnVisibility,
    getCoreRowModel: getCoreRowModel(),
    defaultColumn: { header: DataTableColumnHeader },
  });

  const visibleColumns = prefs.order.filter((id) => prefs.visibility[id] !== false && id !== 'actions' && id !== 'select');
  return { table, resetColumns: prefs.reset, visibleColumns };
}
