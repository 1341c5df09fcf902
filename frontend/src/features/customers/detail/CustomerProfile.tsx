import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { useCustomFields } from '@/features/custom-fields/queries';
import { formatPhone } from '@/lib/phone';
import { useFormatters } from '@/lib/useFormatters';

type Card = NonNullable<Customer['cards']>[number];

function Facts({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Stack gap={6} component="dl" m={0}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'grid', gridTemplateColumns: 'minmax(120px, 40%) 1fr', gap: 8 }}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
              {value === null || value === undefined || value === '' ? '—' : value}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

export function CustomerProfile({ customer: c }: { customer: Customer }) {
  const cards = c.cards ?? [];
  const { t } = useTranslation();
  const fmt = useFormatters();
  const fields = useCustomFields();
  const cardColumns = useMemo(
    (): ColumnDef<Card>[] => [
      { id: 'number', header: t('customer.card.number'), cell: ({ row }) => row.original.number },
      { id: 'barcode', header: t('customer.card.barcode'), cell: ({ row }) => row.original.barcode ?? '—' },
      { id: 'expiresOn', header: t('customer.card.expiresOn'), cell: ({ row }) => fmt.date(row.original.expires_on) },
    ],
    [t, fmt],
  );
  const cardTable = useSimpleTable(cards, cardColumns, (card) => card.number);
  const f = (key: string) => t(`customer.fields.${key}` as 'customer.fields.email');
  const address = [c.street, c.building && `${c.building}${c.apartment ? `/${c.apartment}` : ''}`, c.postal_code, c.city, c.country]
    .filter(Boolean)
    .join(', ');

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Facts
        title={t('customer.sections.contact')}
        rows={[
          [f('email'), c.email],
          [f('phone'), c.phone && <span dir="ltr">{formatPhone(c.phone)}</span>],
          [t('customer.address'), address],
          [f('birth_date'), c.birth_date && fmt.date(c.birth_date)],
          [f('gender'), c.gender && t(`customer.genders.${c.gender}`)],
        ]}
      />
      <Facts
        title={t('customer.sections.identity')}
        rows={[
          [f('company_name'), c.company_name],
          [f('tax_id'), c.tax_id],
          [f('external_id'), c.external_id],
          [f('first_visit_at'), fmt.date(c.first_visit_at)],
          [f('last_activity_at'), fmt.dateTime(c.last_activity_at)],
          [f('updated_at'), fmt.dateTime(c.updated_at)],
        ]}
      />
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h5" mb="xs">
          {t('customer.sections.cards')}
        </Title>
        {cards.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('customer.noCards')}
          </Text>
        ) : (
          <DataTable table={cardTable} variant="simple" label={t('customer.sections.cards')} />
        )}
      </Paper>
      <Facts
        title={t('customer.sections.customFields')}
        rows={[
          ...(fields.data ?? []).map((def): [string, ReactNode] => {
            const value = c.custom_fields[def.key];
            if (typeof value === 'boolean') return [def.label, value ? t('common.yes') : t('common.no')];
            if (typeof value === 'string' || typeof value === 'number') return [def.label, String(value)];
            return [def.label, value === undefined || value === null ? null : JSON.stringify(value)];
          }),
          [f('notes'), c.notes && <span style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</span>],
        ]}
      />
    </SimpleGrid>
  );
}
