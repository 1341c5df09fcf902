import { Badge, Button, Group, Pagination, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useDeliveries, useReplay, type Delivery } from './queries';

const COLOURS: Record<string, string> = { delivered: 'teal', pending: 'yellow', failed: 'red' };

function Outcome({ d }: { d: Delivery }) {
  const detail = d.error ?? d.response_snippet;
  const code = d.response_status ? `HTTP ${d.response_status}` : '—';
  return (
    <Tooltip label={detail} disabled={!detail} multiline w={360}>
      <Text size="sm">
        {code}
        {d.latency_ms !== null && (
          <Text span size="xs" c="dimmed">
            {' '}
            · {d.latency_ms} ms
          </Text>
        )}
      </Text>
    </Tooltip>
  );
}

/** An endpoint's delivery log, newest first, with a replay for each. */
export function Deliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const log = useDeliveries(webhookId, page);
  const replay = useReplay();
  if (log.data?.total === 0) return <Text c="dimmed" size="sm">{t('settings.webhooks.noDeliveries')}</Text>;
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / (log.data?.page_size ?? 20)));
  return (
    <>
      <Table verticalSpacing={4} data-testid="webhook-deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.webhooks.when')}</Table.Th>
            <Table.Th>{t('settings.webhooks.event')}</Table.Th>
            <Table.Th>{t('settings.webhooks.status')}</Table.Th>
            <Table.Th>{t('settings.webhooks.attempts')}</Table.Th>
            <Table.Th>{t('settings.webhooks.response')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.data?.items.map((d) => (
            <Table.Tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
              <Table.Td>{fmt.dateTime(d.created_at)}</Table.Td>
              <Table.Td ff="monospace">
                <Text size="sm">{d.event_type}</Text>
                <Text size="xs" c="dimmed">
                  {d.event_id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={COLOURS[d.status] ?? 'gray'} variant="light">
                  {t(`settings.webhooks.statuses.${d.status as 'pending' | 'delivered' | 'failed'}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td>
                <Outcome d={d} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  loading={replay.isPending && replay.variables.deliveryId === d.id}
                  onClick={() =>
                    replay.mutate({ id: webhookId, deliveryId: d.id }, { onSuccess: () => notifySuccess(t('settings.webhooks.replayed')), onError: (e) => notifyError(e) })
                  }
                  data-testid="replay-delivery"
                >
                  {t('settings.webhooks.replay')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination value={page} onChange={setPage} total={pages} size="sm" />
        </Group>
      )}
    </>
  );
}
