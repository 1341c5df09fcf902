import { Badge, Group, List, Pagination, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ErrorView } from '@/components/ErrorView';
import { auditActionLabel } from '@/i18n/codes';
import { useFormatters } from '@/lib/useFormatters';
import { useCustomerHistory } from '../queries';
import { actorText, changeLines } from './historyText';

/** The record's changes as a timeline a person reads: what changed, from what to what, when and by whom. */
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
      {history.data.items.map((entry) => {
        const lines = changeLines(t, fmt, entry.changes);
        return (
          <Paper key={entry.id} withBorder p="sm" radius="md" data-testid="history-entry">
            <Group justify="space-between" mb={4} wrap="nowrap">
              <Group gap="xs">
                <Badge variant="light" size="sm" radius="sm">
                  {auditActionLabel(t, entry.action)}
                </Badge>
                <Text size="sm">{actorText(t, entry.actor_type, entry.actor_label)}</Text>
              </Group>
              <Text size="sm" c="dimmed" title={fmt.dateTime(entry.occurred_at)}>
                {fmt.when(entry.occurred_at)}
              </Text>
            </Group>
            {lines.length > 0 && (
              <List size="sm" spacing={2}>
                {lines.map((line, i) => (
                  <List.Item key={i}>{line}</List.Item>
                ))}
              </List>
            )}
          </Paper>
        );
      })}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
    </Stack>
  );
}
