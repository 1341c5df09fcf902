import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAdjustments, IconCoins, IconStar } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { EmptyState } from '@/components/EmptyState';
import { ErrorView } from '@/components/ErrorView';
import type { Formatters } from '@/lib/format';
import { useFormatters } from '@/lib/useFormatters';
import { AdjustPointsModal, RedeemPointsModal } from './PointsModals';
import { useLedger, usePoints, type LedgerEntry } from './queries';

const KIND_COLOURS: Record<string, string> = {
  earn: 'teal', opening: 'teal', redeem: 'blue', expire: 'gray', adjust: 'violet', clawback: 'orange',
};

const ROW = () => ({ 'data-testid': 'ledger-row' });

function ledgerColumns(t: TFunction, fmt: Formatters): ColumnDef<LedgerEntry>[] {
  return [
    { id: 'when', header: t('points.when'), cell: ({ row }) => fmt.dateTime(row.original.created_at) },
    {
      id: 'kind',
      header: t('points.kind'),
      cell: ({ row: { original: e } }) => (
        <Badge variant="light" color={KIND_COLOURS[e.kind] ?? 'gray'}>
          {t(`points.kinds.${e.kind}`)}
        </Badge>
      ),
    },
    {
      id: 'points',
      header: t('points.points'),
      meta: { label: t('points.points'), align: 'right' },
      cell: ({ row: { original: e } }) => (
        <Text span inherit c={e.points < 0 ? 'red' : 'teal'}>
          {e.points > 0 ? '+' : ''}
          {fmt.number(e.points)}
        </Text>
      ),
    },
    { id: 'reason', header: t('points.reason'), cell: ({ row }) => row.original.reason ?? '' },
    {
      id: 'by',
      header: t('points.by'),
      cell: ({ row }) => (
        <Text span inherit c="dimmed">
          {row.original.actor_label}
        </Text>
      ),
    },
  ];
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

/** The Points tab of the customer 360: balances, level, the ledger page by page, adjust and redeem. */
export function CustomerPoints({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const points = usePoints(customerId);
  // The cursors of the pages seen so far: "newer" goes back one, "older" follows next_cursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const ledger = useLedger(customerId, cursor);
  const [adjusting, setAdjusting] = useState(false);
  const [redeeming, setRedeeming] = useState(false);
  const columns = useMemo(() => ledgerColumns(t, fmt), [t, fmt]);
  const table = useSimpleTable(ledger.data?.items, columns, (e) => e.id);

  if (points.isError) return <ErrorView error={points.error} reset={() => void points.refetch()} />;
  if (!points.data) return <Skeleton height={200} />;
  const p = points.data;
  const level = p.level;
  return (
    <Stack gap="md" data-testid="customer-points">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure
          testId="points-balance"
          label={t('points.balance')}
          value={fmt.number(p.balance)}
          hint={p.point_value ? t('points.worth', { amount: fmt.money(p.balance * Number(p.point_value)) }) : undefined}
        />
        <Figure testId="points-pending" label={t('points.pending')} value={fmt.number(p.pending)} />
        <Figure
          testId="points-expiring"
          label={t('points.expiringNext')}
          value={p.expiring_next ? fmt.number(p.expiring_next.points) : t('points.nothingExpires')}
          hint={p.expiring_next ? t('points.expiresOn', { date: fmt.date(p.expiring_next.on) }) : undefined}
        />
        <Figure
          testId="points-level"
          label={t('points.level')}
          value={level.name ?? t('points.noLevel')}
          hint={
            level.next_level && level.to_next_level !== null
              ? t('points.toNext', { level: level.next_level, missing: fmt.number(Number(level.to_next_level)) })
              : undefined
          }
        />
      </SimpleGrid>
      {p.debt > 0 && (
        <Text size="sm" c="orange" data-testid="points-debt">
          {t('points.debt', { points: fmt.number(p.debt) })}
        </Text>
      )}
      <Group gap="xs">
        <Button leftSection={<IconCoins size={16} />} onClick={() => setRedeeming(true)} disabled={p.balance <= 0} data-testid="redeem-points-open">
          {t('points.redeem')}
        </Button>
        <Button variant="default" leftSection={<IconAdjustments size={16} />} onClick={() => setAdjusting(true)} data-testid="adjust-points-open">
          {t('points.adjust')}
        </Button>
      </Group>
      {ledger.isPending ? (
        <Skeleton height={160} />
      ) : !ledger.data || (ledger.data.items.length === 0 && cursors.length === 1) ? (
        <EmptyState icon={<IconStar />} title={t('points.ledgerEmpty')} />
      ) : (
        <Stack gap="xs">
          <DataTable table={table} variant="simple" striped verticalSpacing={6} label={t('customer.tabs.points')} rowProps={ROW} data-testid="points-ledger" />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="ledger-newer">
              {t('points.newer')}
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={!ledger.data.next_cursor}
              onClick={() => setCursors((c) => [...c, ledger.data.next_cursor ?? null])}
              data-testid="ledger-older"
            >
              {t('points.older')}
            </Button>
          </Group>
        </Stack>
      )}
      <AdjustPointsModal customerId={customerId} opened={adjusting} onClose={() => setAdjusting(false)} />
      <RedeemPointsModal customerId={customerId} opened={redeeming} onClose={() => setRedeeming(false)} balance={p.balance} />
    </Stack>
  );
}
