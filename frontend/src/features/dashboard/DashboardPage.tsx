import { AreaChart, BarChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorView } from '@/components/ErrorView';
import { useFormatters } from '@/lib/useFormatters';
import { ConsentStatsCard } from './ConsentStatsCard';
import { GRANULARITIES, PRESETS, useOverview, type Granularity, type Preset } from './queries';
import { TotalCard } from './TotalCard';

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} mb="sm">
        {title}
      </Text>
      {children}
    </Paper>
  );
}

/** Totals and trends for a period, each against the period before; consents per channel. */
export function DashboardPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [preset, setPreset] = useState<Preset>('last_30_days');
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [excludeImported, setExcludeImported] = useState(false);
  const params = {
    preset,
    granularity,
    excludeImported,
    ...(preset === 'custom' ? { from: range[0] ?? undefined, to: range[1] ?? undefined } : {}),
  };
  const overview = useOverview(params);
  const o = overview.data;
  const series = (o?.series ?? []).map((b) => ({
    ...b,
    label: fmt.date(b.start),
    revenue: Number(b.revenue),
    redeemed_amount: Number(b.redeemed_amount),
  }));
  const money = (v: number) => fmt.money(v);

  return (
    <Stack gap="md" data-testid="dashboard">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('nav.dashboard')}</Title>
        <Group gap="sm" align="flex-end">
          <SegmentedControl
            value={preset}
            onChange={(v) => setPreset(v as Preset)}
            data={PRESETS.map((p) => ({ value: p, label: t(`dashboard.presets.${p}`) }))}
            aria-label={t('dashboard.period')}
            data-testid="dashboard-preset"
          />
          {preset === 'custom' && (
            <DatePickerInput type="range" value={range} onChange={setRange} aria-label={t('dashboard.customRange')} w={240} />
          )}
          <Select
            aria-label={t('dashboard.granularity')}
            data={GRANULARITIES.map((g) => ({ value: g, label: t(`dashboard.granularities.${g}`) }))}
            value={granularity}
            onChange={(v) => v && setGranularity(v as Granularity)}
            allowDeselect={false}
            w={130}
          />
          <Switch
            label={t('dashboard.excludeImported')}
            checked={excludeImported}
            onChange={(e) => setExcludeImported(e.currentTarget.checked)}
            wrapperProps={{ 'data-testid': 'exclude-imported' }}
            mb={8}
          />
        </Group>
      </Group>
      {o && (
        <Text size="sm" c="dimmed">
          {t('dashboard.periodRange', { from: fmt.date(o.period.start), to: fmt.date(o.period.end) })} ·{' '}
          {t('dashboard.comparedWith', { from: fmt.date(o.previous_period.start), to: fmt.date(o.previous_period.end) })}
        </Text>
      )}
      {overview.isError && !o && <ErrorView error={overview.error} reset={() => void overview.refetch()} />}
      {!o ? (
        <Skeleton height={400} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
            <TotalCard testId="total-new_customers" label={t('dashboard.figures.new_customers')} value={fmt.number(o.totals.new_customers)} previous={fmt.number(o.previous.new_customers)} change={o.change_percent.new_customers} />
            <TotalCard testId="total-revenue" label={t('dashboard.figures.revenue')} value={fmt.money(o.totals.revenue)} previous={fmt.money(o.previous.revenue)} change={o.change_percent.revenue} />
            <TotalCard testId="total-transactions" label={t('dashboard.figures.transactions')} value={fmt.number(o.totals.transactions)} previous={fmt.number(o.previous.transactions)} change={o.change_percent.transactions} />
            <TotalCard testId="total-vouchers_issued" label={t('dashboard.figures.vouchers_issued')} value={fmt.number(o.totals.vouchers_issued)} previous={fmt.number(o.previous.vouchers_issued)} change={o.change_percent.vouchers_issued} />
            <TotalCard testId="total-vouchers_redeemed" label={t('dashboard.figures.vouchers_redeemed')} value={fmt.number(o.totals.vouchers_redeemed)} previous={fmt.number(o.previous.vouchers_redeemed)} change={o.change_percent.vouchers_redeemed} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ChartCard title={t('dashboard.figures.new_customers')}>
              <BarChart h={220} data={series} dataKey="label" series={[{ name: 'new_customers', label: t('dashboard.figures.new_customers'), color: 'blue.6' }]} />
            </ChartCard>
            <ChartCard title={t('dashboard.figures.revenue')}>
              <AreaChart h={220} data={series} dataKey="label" valueFormatter={money} series={[{ name: 'revenue', label: t('dashboard.figures.revenue'), color: 'teal.6' }]} />
            </ChartCard>
            <ChartCard title={t('dashboard.figures.transactions')}>
              <BarChart h={220} data={series} dataKey="label" series={[{ name: 'transactions', label: t('dashboard.figures.transactions'), color: 'indigo.6' }]} />
            </ChartCard>
            <ChartCard title={t('dashboard.vouchers')}>
              <BarChart
                h={220}
                data={series}
                dataKey="label"
                withLegend
                series={[
                  { name: 'vouchers_issued', label: t('dashboard.figures.vouchers_issued'), color: 'grape.6' },
                  { name: 'vouchers_redeemed', label: t('dashboard.figures.vouchers_redeemed'), color: 'orange.6' },
                ]}
              />
            </ChartCard>
          </SimpleGrid>
        </>
      )}
      <ConsentStatsCard params={params} />
    </Stack>
  );
}
