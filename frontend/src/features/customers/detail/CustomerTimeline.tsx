import { Badge, Button, Group, List, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconTimeline } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ErrorView } from '@/components/ErrorView';
import { auditActionLabel } from '@/i18n/codes';
import type { Formatters } from '@/lib/format';
import { useFormatters } from '@/lib/useFormatters';
import { useCustomerTimeline, type TimelineItem } from './activityQueries';
import { changeLines } from './historyText';

const COLOURS: Record<TimelineItem['kind'], string> = {
  purchase: 'teal',
  refund: 'orange',
  voucher_issued: 'grape',
  voucher_redeemed: 'violet',
  voucher_redemption_undone: 'gray',
  consent_changed: 'cyan',
  note: 'yellow',
  change: 'blue',
};

/** One event as a sentence: "Purchase of 120,00 zł", "Voucher AB12 redeemed: 30,00 zł", a note's text. */
function describe(t: TFunction, fmt: Formatters, item: TimelineItem): string[] {
  const code = item.voucher_code ?? '';
  switch (item.kind) {
    case 'purchase':
    case 'refund':
      return [t(`timeline.text.${item.kind}`, { amount: fmt.money(item.amount) })];
    case 'voucher_issued':
    case 'voucher_redeemed':
    case 'voucher_redemption_undone':
      return [t(`timeline.text.${item.kind}`, { code, amount: fmt.money(item.amount) })];
    case 'consent_changed':
      return [
        t(item.granted ? 'history.consentGranted' : 'history.consentWithdrawn', {
          channel: t(`customer.consents.${item.channel ?? ''}` as 'customer.consents.email_marketing', { defaultValue: item.channel ?? '' }),
        }),
      ];
    case 'note':
      return [item.text ?? ''];
    case 'change': {
      const changes = Object.fromEntries((item.changes ?? []).map((c) => [c.field, [c.old, c.new]]));
      return changeLines(t, fmt, changes);
    }
  }
}

/** Everything that happened to the customer in one stream, newest first: purchases, vouchers, consents, notes, changes. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const timeline = useCustomerTimeline(customerId);

  if (timeline.isError) return <ErrorView error={timeline.error} reset={() => void timeline.refetch()} />;
  if (!timeline.data) return <Skeleton height={200} />;
  const items = timeline.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState icon={<IconTimeline />} title={t('timeline.empty')} />;

  return (
    <Stack gap="xs" data-testid="customer-timeline">
      {items.map((item) => {
        const lines = describe(t, fmt, item);
        return (
          <Paper key={item.id} withBorder p="sm" radius="md" data-testid="timeline-item" data-kind={item.kind}>
            <Group justify="space-between" wrap="nowrap" mb={lines.length > 1 ? 4 : 0}>
              <Group gap="xs" wrap="nowrap">
                <Badge variant="light" color={COLOURS[item.kind]} size="sm" radius="sm">
                  {item.kind === 'change' && item.action ? auditActionLabel(t, item.action) : t(`timeline.kinds.${item.kind}`)}
                </Badge>
                {lines.length === 1 && <Text size="sm">{lines[0]}</Text>}
              </Group>
              <Text size="xs" c="dimmed" title={fmt.dateTime(item.at)} style={{ whiteSpace: 'nowrap' }}>
                {fmt.when(item.at)}
                {item.actor_label ? ` · ${item.actor_label}` : ''}
              </Text>
            </Group>
            {lines.length > 1 && (
              <List size="sm" spacing={2}>
                {lines.map((line, i) => (
                  <List.Item key={i}>{line}</List.Item>
                ))}
              </List>
            )}
          </Paper>
        );
      })}
      {timeline.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid="timeline-more">
            {t('timeline.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

