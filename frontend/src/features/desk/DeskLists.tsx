import { Badge, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '@/components/links';
import { useFormatters } from '@/lib/useFormatters';
import classes from './Desk.module.css';
import { LAPSED_CHOICES, type DeskToday } from './queries';

interface CardProps {
  title: string;
  testId: string;
  empty: string;
  count: number | undefined;
  extra?: ReactNode;
  children: ReactNode;
}

/** One of the desk's lists: a title with its count, the rows, or a line saying there are none. */
export function DeskCard({ title, testId, empty, count, extra, children }: CardProps) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {title}{' '}
          {count !== undefined && (
            <Badge variant="light" color="gray" radius="sm" size="sm">
              {count}
            </Badge>
          )}
        </Title>
        {extra}
        {count === undefined ? <Skeleton height={80} /> : count === 0 ? <Text size="sm" c="dimmed">{empty}</Text> : children}
      </Stack>
    </Paper>
  );
}

function Person({ id, name }: { id: string | null | undefined; name: string | null | undefined }) {
  if (!id) return <Text size="sm">{name ?? '—'}</Text>;
  return (
    <AnchorLink to="/customers/$customerId" params={{ customerId: id }} size="sm" fw={500} data-testid="desk-customer">
      {name || '—'}
    </AnchorLink>
  );
}

export function Birthdays({ data }: { data: DeskToday | undefined }) {
  const { t } = useTranslation();
  return (
    <DeskCard title={t('desk.birthdays')} testId="desk-birthdays" empty={t('desk.noBirthdays')} count={data?.birthdays.length}>
      {data?.birthdays.map((c) => (
        <div key={c.customer_id} className={classes.row}>
          <Person id={c.customer_id} name={c.display_name} />
          <Text size="xs" c="dimmed">
            {t('desk.turns', { age: new Date(`${data.date}T12:00:00Z`).getUTCFullYear() - Number(c.birth_date.slice(0, 4)) })}
            {c.phone ? ` · ${c.phone}` : ''}
          </Text>
        </div>
      ))}
    </DeskCard>
  );
}

export function ExpiringVouchers({ data }: { data: DeskToday | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <DeskCard title={t('desk.expiring')} testId="desk-expiring" empty={t('desk.noExpiring')} count={data?.expiring_vouchers.length}>
      {data?.expiring_vouchers.map((v) => (
        <div key={v.voucher_id} className={classes.row}>
          <Stack gap={0}>
            <Text size="sm" ff="monospace">
              {v.code}
            </Text>
            <Person id={v.customer_id} name={v.display_name ?? t('desk.noOwner')} />
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text size="sm">{v.kind === 'percent' ? `${fmt.number(Number(v.balance))} %` : fmt.money(v.balance)}</Text>
            <Text size="xs" c="dimmed">
              {t('desk.until', { date: fmt.date(v.valid_until) })}
            </Text>
          </Stack>
        </div>
      ))}
    </DeskCard>
  );
}

export function Lapsed({ data, days, onDays }: { data: DeskToday | undefined; days: number; onDays: (d: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <DeskCard
      title={t('desk.lapsed')}
      testId="desk-lapsed"
      empty={t('desk.noLapsed')}
      count={data?.lapsed.length}
      extra={
        <SegmentedControl
          size="xs"
          value={String(days)}
          onChange={(v) => onDays(Number(v))}
          aria-label={t('desk.lapsedFor')}
          data={LAPSED_CHOICES.map((d) => ({ value: String(d), label: t('desk.days', { count: d }) }))}
          data-testid="desk-lapsed-days"
        />
      }
    >
      {data?.lapsed.map((c) => (
        <div key={c.customer_id} className={classes.row}>
          <Person id={c.customer_id} name={c.display_name} />
          <Text size="xs" c="dimmed" title={fmt.dateTime(c.last_seen_at)}>
            {t('desk.lastSeen', { when: fmt.relative(c.last_seen_at) })} · {fmt.money(c.total_spent)}
          </Text>
        </div>
      ))}
    </DeskCard>
  );
}

export function LastServed({ data }: { data: DeskToday | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <DeskCard title={t('desk.lastServed')} testId="desk-last-served" empty={t('desk.noneServed')} count={data?.last_served.length}>
      {data?.last_served.map((c) => (
        <div key={c.customer_id} className={classes.row}>
          <Person id={c.customer_id} name={c.display_name} />
          <Text size="xs" c="dimmed" title={fmt.dateTime(c.served_at)}>
            {fmt.when(c.served_at)}
          </Text>
        </div>
      ))}
    </DeskCard>
  );
}
