import { Badge, Group, Pagination, Skeleton, Stack, Table } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { useFormatters } from '@/lib/useFormatters';
import { useCustomerTransactions } from './queries';

const PAGE_SIZE = 25;

export function CustomerTransactions({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const list = useCustomerTransactions(customerId, page);
  if (list.isPending) return <Skeleton height={160} />;
  if (!list.data || list.data.total === 0) return <EmptyState icon={<IconReceipt />} title={t('transactions.none')} />;
  return (
    <Stack gap="sm" data-testid="customer-transactions">
      <Table striped verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('transactions.when')}</Table.Th>
            <Table.Th>{t('transactions.kind')}</Table.Th>
            <Table.Th ta="right">{t('transactions.amount')}</Table.Th>
            <Table.Th>{t('transactions.items')}</Table.Th>
            <Table.Th>{t('transactions.ref')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((tx) => (
            <Table.Tr key={tx.id}>
              <Table.Td>{fmt.dateTime(tx.occurred_at)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={tx.kind === 'refund' ? 'orange' : 'blue'}>
                  {t(`transactions.kinds.${tx.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{fmt.money(tx.kind === 'refund' ? -Number(tx.amount) : tx.amount)}</Table.Td>
              <Table.Td>{tx.items_count ?? '—'}</Table.Td>
              <Table.Td c="dimmed">{tx.external_ref ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data.total > PAGE_SIZE && (
        <Group justify="flex-end">
          <Pagination size="sm" total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
