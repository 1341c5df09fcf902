import { Badge, Button, Group, Pagination, Text, Tooltip } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useDeliveries, useReplay, type Delivery } from './queries';

const COLOURS: Record<string, string> = { delivered: 'teal', pending: 'yellow', failed: 'red' };
const ROW = (d: Delivery) => ({ 'data-testid': 'webhook-delivery', 'data-status': d.status });

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
  const replaying = replay.isPending ? replay.variables.deliveryId : null;
  const { mutate } = replay;
  const columns = useMemo(
    (): ColumnDef<Delivery>[] => [
      { id: 'when', header: t('settings.webhooks.when'), cell: ({ row }) => fmt.dateTime(row.original.created_at) },
      {
        id: 'event',
        header: t('settings.webhooks.event'),
        cell: ({ row: { original: d } }) => (
          <>
            <Text size="sm" ff="monospace">
              {d.event_type}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {d.event_id}
            </Text>
          </>
        ),
      },
      {
        id: 'status',
        header: t('settings.webhooks.status'),
        cell: ({ row: { original: d } }) => (
          <Badge color={COLOURS[d.status] ?? 'gray'} variant="light">
            {t(`settings.webhooks.statuses.${d.status as 'pending' | 'delivered' | 'failed'}`)}
          </Badge>
        ),
      },
      { id: 'attempts', header: t('settings.webhooks.attempts'), cell: ({ row }) => row.original.attempts },
      { id: 'response', header: t('settings.webhooks.response'), cell: ({ row }) => <Outcome d={row.original} /> },
      {
        id: 'actions',
        header: '',
        cell: ({ row: { original: d } }) => (
          <Button
            size="xs"
            variant="subtle"
            loading={replaying === d.id}
            onClick={() =>
              mutate({ id: webhookId, deliveryId: d.id }, { onSuccess: () => notifySuccess(t('settings.webhooks.replayed')), onError: (e) => notifyError(e) })
            }
            data-testid="replay-delivery"
          >
            {t('settings.webhooks.replay')}
          </Button>
        ),
      },
    ],
    [t, fmt, replaying, mutate, webhookId],
  );
  const table = useSimpleTable(log.data?.items, columns, (d) => String(d.id));
  if (log.data?.total === 0) return <Text c="dimmed" size="sm">{t('settings.webhooks.noDeliveries')}</Text>;
  const pages = Math.max(1, Math.ceil((log.data?.total ?? 0) / (log.data?.page_size ?? 20)));
  return (
    <>
      <DataTable table={table} variant="simple" verticalSpacing={4} label={t('settings.webhooks.deliveries')} rowProps={ROW} data-testid="webhook-deliveries" />
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination value={page} onChange={setPage} total={pages} size="sm" />
        </Group>
      )}
    </>
  );
}
