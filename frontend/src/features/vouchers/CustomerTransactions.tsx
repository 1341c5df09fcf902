import { Badge, Group, Pagination, Skeleton, Stack, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { EmptyState } from '@/components/EmptyState';
import { useFormatters } from '@/lib/useFormatters';
import { useCustomerTransactions, type Transaction } from './queries';

const PAGE_SIZE = 25;

export function CustomerTransactions({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const list = useCustomerTransactions(customerId, page);
  const columns = useMemo(
    (): ColumnDef<Transaction>[] => [
      { id: 'when', header: t('transactions.when'), cell: ({ row }) => fmt.dateTime(row.original.occurred_at) },
      {
        id: 'kind',
        header: t('transactions.kind'),
        cell: ({ row: { original: tx } }) => (
          <Badge variant="light" color={tx.kind === 'refund' ? 'orange' : 'blue'}>
            {t(`transactions.kinds.${tx.kind}`)}
          </Badge>
        ),
      },
      {
        id: 'amount',
        header: t('transactions.amount'),
        meta: { label: t('transactions.amount'), align: 'right' },
        cell: ({ row: { original: tx } }) => fmt.money(tx.kind === 'refund' ? -Number(tx.amount) : tx.amount),
      },
      { id: 'items', header: t('transactions.items'), cell: ({ row }) => row.original.items_count ?? '—' },
      {
        id: 'ref',
        header: t('transactions.ref'),
        cell: ({ row }) => (
          <Text span inherit c="dimmed">
            {row.original.external_ref ?? ''}
          </Text>
        ),
      },
    ],
    [t, fmt],
  );
  const table = useSimpleTable(list.data?.items, columns, (tx) => tx.id);
  if (list.isPending) return <Skeleton height={160} />;
  if (!list.data || list.data.total === 0) return <EmptyState icon={<IconReceipt />} title={t('transactions.none')} />;
  return (
    <Stack gap="sm" data-testid="customer-transactions">
      <DataTable table={table} variant="simple" striped verticalSpacing={6} label={t('customer.tabs.transactions')} />
      {list.data.total > PAGE_SIZE && (
        <Group justify="flex-end">
          <Pagination size="sm" total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
