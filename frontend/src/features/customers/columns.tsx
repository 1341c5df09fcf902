import { Checkbox, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Customer } from '@/api/types';
import { cellClasses, cellLinkProps, RowCheckbox } from '@/components/data-table/lightCells';
import { TagChips } from '@/components/TagChips';
import type { Formatters } from '@/lib/format';
import { rfmLabel } from '@/i18n/codes';
import { formatPhone } from '@/lib/phone';
import { customerName } from './queries';
import { StatusChip } from './StatusBadge';

interface ColumnContext {
  t: TFunction;
  fmt: Formatters;
  tagColours: Map<string, string>;
  rowActions: (customer: Customer) => ReactNode;
  /** API field names the list can be sorted by. */
  sortable: ReadonlySet<string>;
}

type Col = ColumnDef<Customer>;
type Key = Extract<keyof Customer, string>;

/** The selection column's width: the name column sticks right after it. */
const SELECT_WIDTH = 44;

export const DEFAULT_VISIBLE = [
  'select', 'last_name', 'phone', 'tags', 'email', 'status', 'vouchers_assigned', 'vouchers_redeemed',
  'voucher_redeemed_amount', 'total_spent', 'visits', 'last_visit_at', 'actions',
];

export const SORTABLE_FALLBACK = new Set([
  'last_name', 'first_name', 'email', 'phone', 'status', 'type', 'city', 'country', 'created_at', 'updated_at',
  'birth_date', 'total_spent', 'visits', 'avg_check', 'transactions_count', 'last_visit_at', 'first_visit_at',
  'last_purchase_at', 'vouchers_assigned', 'vouchers_active', 'vouchers_redeemed', 'voucher_redeemed_amount',
  'last_activity_at', 'external_id',
]);

export function buildCustomerColumns({ t, fmt, tagColours, rowActions, sortable }: ColumnContext): Col[] {
  const label = (key: string) => t(`customer.fields.${key}` as 'customer.fields.email');
  const base = (key: Key, extra: Partial<Col> = {}): Col => ({
    id: key,
    accessorKey: key,
    enableSorting: sortable.has(key),
    // The first click's direction by kind, not guessed from the first row's value (TanStack
    // guesses descending when that value is empty): text A→Z, figures and dates largest first.
    sortDescFirst: false,
    meta: { label: label(key) },
    ...extra,
  });
  const textCol = (key: Key): Col =>
    base(key, { cell: ({ getValue }) => (getValue<string | null>() ?? '') || <span className={cellClasses.dimmed}>—</span> });
  const numberCol = (key: Key): Col =>
    base(key, {
      sortDescFirst: true,
      meta: { label: label(key), align: 'right', skeletonWidth: 32 },
      cell: ({ getValue }) => fmt.number(getValue<number | null>()),
    });
  const moneyCol = (key: Key): Col =>
    base(key, {
      sortDescFirst: true,
      meta: { label: label(key), align: 'right', skeletonWidth: 56 },
      cell: ({ getValue }) => fmt.money(getValue<string | null>()),
    });
  const dateCol = (key: Key, withTime = false): Col =>
    base(key, {
      sortDescFirst: true,
      cell: ({ getValue }) => {
        const v = getValue<string | null>();
        return <span title={v ? fmt.dateTime(v) : undefined}>{withTime ? fmt.dateTime(v) : fmt.date(v)}</span>;
      },
    });

  return [
    {
      id: 'select',
      enableHiding: false,
      enableSorting: false,
      size: SELECT_WIDTH,
      meta: { label: t('bulk.selectRow'), fixed: true, skeletonWidth: 16, sticky: 'start', stickyOffset: 0, fixedWidth: SELECT_WIDTH },
      header: ({ table }) => (
        <Checkbox
          aria-label={t('bulk.selectPage')}
          checked={table.getIsAllPageRowsSelected()}
          indeterminate={table.getIsSomePageRowsSelected()}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
          data-testid="select-page"
        />
      ),
      cell: ({ row }) => (
        <RowCheckbox
          aria-label={t('bulk.selectCustomer', { name: customerName(row.original) })}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
          data-testid="select-row"
        />
      ),
    },
    {
      id: 'last_name',
      accessorFn: (c) => customerName(c),
      enableHiding: false,
      enableSorting: sortable.has('last_name'),
      meta: { label: t('customer.fields.name'), skeletonWidth: 140, sticky: 'start', stickyOffset: SELECT_WIDTH },
      cell: ({ row }) => (
        <div>
          <Link to="/customers/$customerId" params={{ customerId: row.original.id }} {...cellLinkProps} data-testid="customer-link">
            {customerName(row.original)}
          </Link>
          {row.original.company_name && (row.original.first_name || row.original.last_name) && (
            <div className={cellClasses.sub}>{row.original.company_name}</div>
          )}
        </div>
      ),
    },
    // Name, phone and tags first: what the desk reads, visible on a tablet without scrolling sideways.
    base('phone', {
      cell: ({ getValue }) => {
        const phone = getValue<string | null>();
        return phone ? <span dir="ltr">{formatPhone(phone)}</span> : <span className={cellClasses.dimmed}>—</span>;
      },
    }),
    base('tags', {
      enableSorting: false,
      meta: { label: label('tags'), skeletonWidth: 80 },
      cell: ({ row }) => <TagChips tags={row.original.tags ?? []} colours={tagColours} />,
    }),
    textCol('email'),
    base('status', { cell: ({ row }) => <StatusChip status={row.original.status} label={t(`customer.statuses.${row.original.status}`)} /> }),
    base('type', { cell: ({ row }) => t(`customer.types.${row.original.type}`) }),
    numberCol('vouchers_assigned'),
    numberCol('vouchers_active'),
    numberCol('vouchers_redeemed'),
    moneyCol('voucher_redeemed_amount'),
    moneyCol('total_spent'),
    numberCol('visits'),
    numberCol('transactions_count'),
    moneyCol('avg_check'),
    dateCol('last_visit_at'),
    dateCol('first_visit_at'),
    moneyCol('last_purchase_amount'),
    dateCol('last_purchase_at'),
    base('rfm_segment', { cell: ({ row }) => (row.original.rfm_segment ? rfmLabel(t, row.original.rfm_segment) : <span className={cellClasses.dimmed}>—</span>) }),
    textCol('external_id'),
    textCol('company_name'),
    textCol('city'),
    textCol('country'),
    dateCol('birth_date'),
    base('source', { cell: ({ row }) => t(`customer.sources.${row.original.source}`) }),
    dateCol('created_at', true),
    dateCol('updated_at', true),
    dateCol('last_activity_at', true),
    {
      id: 'actions',
      enableHiding: false,
      enableSorting: false,
      header: () => <VisuallyHidden>{t('table.actions')}</VisuallyHidden>,
      meta: { label: t('table.actions'), align: 'right', skeletonWidth: 16, fixed: true, sticky: 'end' },
      size: 48,
      cell: ({ row }) => rowActions(row.original),
    },
  ];
}
