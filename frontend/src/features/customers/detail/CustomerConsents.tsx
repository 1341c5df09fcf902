import { Badge, Paper, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { consentSourceLabel } from '@/i18n/codes';
import { useFormatters } from '@/lib/useFormatters';
import { CHANNELS, type Channel } from '../form/schema';

interface ConsentRow {
  channel: Channel;
  state: NonNullable<Customer['consents']>[Channel] | undefined;
}

export function CustomerConsents({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const rows = useMemo(() => CHANNELS.map((channel): ConsentRow => ({ channel, state: customer.consents?.[channel] })), [customer.consents]);
  const columns = useMemo(
    (): ColumnDef<ConsentRow>[] => [
      { id: 'channel', header: t('customer.consent.channel'), cell: ({ row }) => t(`customer.consents.${row.original.channel}`) },
      {
        id: 'state',
        header: t('customer.consent.state'),
        cell: ({ row: { original: { state } } }) =>
          state ? (
            <Badge color={state.granted ? 'teal' : 'red'} variant="light" size="sm">
              {state.granted ? t('customer.consent.granted') : t('customer.consent.withdrawn')}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t('customer.consent.never')}
            </Text>
          ),
      },
      { id: 'changedAt', header: t('customer.consent.changedAt'), cell: ({ row: { original: { state } } }) => (state ? fmt.dateTime(state.changed_at) : '—') },
      { id: 'source', header: t('customer.consent.source'), cell: ({ row }) => consentSourceLabel(t, row.original.state?.source) },
    ],
    [t, fmt],
  );
  const table = useSimpleTable(rows, columns, (r) => r.channel);
  return (
    <Paper withBorder radius="md">
      <DataTable table={table} variant="simple" label={t('customer.tabs.consents')} />
      <Text size="xs" c="dimmed" p="sm">
        {t('customer.consent.historyHint')}
      </Text>
    </Paper>
  );
}
