import { Paper, Progress, Skeleton, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/useFormatters';
import { useConsentStats, type StatsParams } from './queries';

/** Per channel: how many customers agreed, and how that moved in the period. */
export function ConsentStatsCard({ params }: { params: StatsParams }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const stats = useConsentStats(params);
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
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.channel')}</Table.Th>
                <Table.Th>{t('dashboard.granted')}</Table.Th>
                <Table.Th w="30%">{t('dashboard.share')}</Table.Th>
                <Table.Th>{t('dashboard.grantedInPeriod')}</Table.Th>
                <Table.Th>{t('dashboard.withdrawnInPeriod')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.data.channels.map((c) => (
                <Table.Tr key={c.channel}>
                  <Table.Td>{t(`customer.consents.${c.channel}` as 'customer.consents.sms_marketing', { defaultValue: c.channel })}</Table.Td>
                  <Table.Td>{fmt.number(c.granted)}</Table.Td>
                  <Table.Td>
                    <Progress value={c.share * 100} aria-label={`${Math.round(c.share * 100)}%`} />
                    <Text size="xs" c="dimmed">
                      {(c.share * 100).toFixed(1)}%
                    </Text>
                  </Table.Td>
                  <Table.Td c="teal.9">+{fmt.number(c.granted_in_period)}</Table.Td>
                  <Table.Td c="red.9">−{fmt.number(c.withdrawn_in_period)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
