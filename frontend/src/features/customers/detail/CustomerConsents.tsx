import { Badge, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { consentSourceLabel } from '@/i18n/codes';
import { useFormatters } from '@/lib/useFormatters';
import { CHANNELS } from '../form/schema';

export function CustomerConsents({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Paper withBorder radius="md">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customer.consent.channel')}</Table.Th>
            <Table.Th>{t('customer.consent.state')}</Table.Th>
            <Table.Th>{t('customer.consent.changedAt')}</Table.Th>
            <Table.Th>{t('customer.consent.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CHANNELS.map((channel) => {
            const state = customer.consents?.[channel];
            return (
              <Table.Tr key={channel}>
                <Table.Td>{t(`customer.consents.${channel}`)}</Table.Td>
                <Table.Td>
                  {state ? (
                    <Badge color={state.granted ? 'teal' : 'red'} variant="light" size="sm">
                      {state.granted ? t('customer.consent.granted') : t('customer.consent.withdrawn')}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('customer.consent.never')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{state ? fmt.dateTime(state.changed_at) : '—'}</Table.Td>
                <Table.Td>{consentSourceLabel(t, state?.source)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" p="sm">
        {t('customer.consent.historyHint')}
      </Text>
    </Paper>
  );
}
