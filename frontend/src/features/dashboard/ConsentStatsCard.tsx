import { Paper, Progress, Skeleton, Text, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import type { Formatters } from '@/lib/format';
import { useFormatters } from '@/lib/useFormatters';
import { useConsentStats, type StatsParams } from './queries';

type ChannelStats = NonNullable<ReturnType<typeof useConsentStats>['data']>['channels'][number];

function channelColumns(t: TFunction, fmt: Formatters): ColumnDef<ChannelStats>[] {
  return [
    {
      id: 'channel',
      header: t('dashboard.channel'),
      cell: ({ row: { original: c } }) => t(`customer.consents.${c.channel}` as 'customer.consents.sms_marketing', { defaultValue: c.channel }),
    },
    { id: 'granted', header: t('dashboard.granted'), cell: ({ row }) => fmt.number(row.original.granted) },
    {
      id: 'share',
      header: t('dashboard.share'),
      meta: { label: t('dashboard.share'), width: '30%' },
      cell: ({ row: { original: c } }) => (
        <>
          <Progress value={c.share * 100} aria-label={`${Math.round(c.share * 100)}%`} />
          <Text size="xs" c="dimmed">
            {(c.share * 100).toFixed(1)}%
          </Text>
        </>
      ),
    },
    {
      id: 'grantedInPeriod',
      header: t('dashboard.grantedInPeriod'),
      cell: ({ row }) => (
        <Text span inherit c="teal.9">
          +{fmt.number(row.original.granted_in_period)}
        </Text>
      ),
    },
    {
      id: 'withdrawnInPeriod',
      header: t('dashboard.withdrawnInPeriod'),
      cell: ({ row }) => (
        <Text span inherit c="red.9">
          −{fmt.number(row.original.withdrawn_in_period)}
        </Text>
      ),
    },
  ];
}

/** Per channel: how many customers agreed, and how that moved in the period. */
export function ConsentStatsCard({ params }: { params: StatsParams }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const stats = useConsentStats(params);
  const columns = useMemo(() => channelColumns(t, fmt), [t, fmt]);
  const table = useSimpleTable(stats.data?.channels, columns, (c) => c.channel);
  return (
    <Paper withBorder radius="md" p="md" data-testid="consent-stats">
      <Title order={3} size="h5" mb="xs">
        {t('dashboard.consents')}
      </Title>
      {!stats.data ? (
        <Skeleton height={120} />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {t('dashboard.anyConsent', { count: stats.data.any_granted, total: fmt.number(stats.data.total_customers) })}
          </Text>
          <DataTable table={table} variant="simple" verticalSpacing={6} label={t('dashboard.consents')} />
        </>
      )}
    </Paper>
  );
}
