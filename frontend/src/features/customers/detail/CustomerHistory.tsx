import { Badge, Code, Group, Pagination, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@/api/types';
import { EmptyState } from '@/components/EmptyState';
import { ErrorView } from '@/components/ErrorView';
import { useFormatters } from '@/lib/useFormatters';
import { useCustomerHistory } from '../queries';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `{field: [before, after]}` as a small before/after table. */
function Changes({ changes }: { changes: HistoryEntry['changes'] }) {
  if (!changes || Object.keys(changes).length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="xs">
      <Table.Tbody>
        {Object.entries(changes).map(([field, pair]) => {
          const [before, after] = Array.isArray(pair) ? (pair as unknown[]) : [undefined, pair];
          return (
            <Table.Tr key={field}>
              <Table.Td fw={600} w={160}>
                {field}
              </Table.Td>
              <Table.Td>
                <Code c="red.8">{show(before)}</Code> → <Code c="teal.8">{show(after)}</Code>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function CustomerHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const history = useCustomerHistory(customerId, page);

  if (history.isError) return <ErrorView error={history.error} reset={() => void history.refetch()} />;
  if (!history.data) return <Skeleton height={200} />;
  if (history.data.items.length === 0) return <EmptyState icon={<IconHistory />} title={t('customer.historyEmpty')} />;
  const pages = Math.ceil(history.data.total / history.data.page_size);

  return (
    <Stack gap="sm" data-testid="customer-history">
      {history.data.items.map((entry) => (
        <Paper key={entry.id} withBorder p="sm" radius="md">
          <Group justify="space-between" mb={4}>
            <Group gap="xs">
              <Badge variant="light" size="sm" radius="sm">
                {t(`history.actions.${entry.action}` as 'history.actions.customer.created', { defaultValue: entry.action })}
              </Badge>
              <Text size="sm">{entry.actor_label ?? entry.actor_type}</Text>
            </Group>
            <Text size="xs" c="dimmed">
              {fmt.dateTime(entry.occurred_at)}
            </Text>
          </Group>
          <Changes changes={entry.changes} />
        </Paper>
      ))}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}
