import { Badge, Button, Group, Pagination, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { useMe } from '@/features/auth/queries';
import { useFormatters } from '@/lib/useFormatters';
import { AssignVoucherModal } from './AssignVoucherModal';
import { useCustomerVouchers, type Voucher } from './queries';
import { RedeemModal } from './RedeemModal';
import { VoucherRedemptions } from './VoucherRedemptions';

const STATUS_COLOURS: Record<Voucher['status'], string> = { active: 'teal', redeemed: 'gray', expired: 'orange', cancelled: 'red' };

/** The customer's vouchers with each redemption; assign a new one, redeem an active one. */
export function CustomerVouchers({ customerId, currency }: { customerId: string; currency: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const [assigning, setAssigning] = useState(false);
  const [redeeming, setRedeeming] = useState<Voucher | null>(null);
  const vouchers = useCustomerVouchers(customerId, page);
  const { tenant } = useMe();
  // Read once per render of the list: the button goes when the list is next drawn after the window.
  const [openedAt] = useState(() => Date.now());
  /** The voucher's last redemption, while the tenant's undo window lasts. */
  const undoable = (v: Voucher) => {
    const last = [...(v.redemptions ?? [])].sort((a, b) => b.redeemed_at.localeCompare(a.redeemed_at))[0];
    if (!last || last.undone_at || tenant.redemption_undo_minutes <= 0) return null;
    return openedAt - Date.parse(last.redeemed_at) < tenant.redemption_undo_minutes * 60_000 ? last : null;
  };
  const value = (v: Voucher, amount: string) => (v.kind === 'percent' ? `${Number(amount)}%` : fmt.money(amount));

  return (
    <Stack gap="sm" data-testid="customer-vouchers">
      <Group justify="flex-end">
        <Button leftSection={<IconTicket size={16} />} onClick={() => setAssigning(true)} data-testid="assign-voucher">
          {t('vouchers.assign')}
        </Button>
      </Group>
      {vouchers.isPending && <Skeleton height={120} />}
      {vouchers.data?.total === 0 && <EmptyState icon={<IconTicket />} title={t('vouchers.none')} />}
      {vouchers.data?.items.map((v) => (
        <Paper key={v.id} withBorder radius="md" p="sm" data-testid="voucher-card">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={700} ff="monospace" data-testid="voucher-code">
                  {v.code}
                </Text>
                <Badge color={STATUS_COLOURS[v.status]} variant="light" data-testid="voucher-status">
                  {t(`vouchers.statuses.${v.status}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {t('vouchers.valueOf', { value: value(v, v.initial_value) })}
                {v.kind === 'amount' && (
                  <>
                    {' · '}
                    <span data-testid="voucher-balance">{t('vouchers.balanceLeft', { amount: fmt.money(v.balance) })}</span>
                  </>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {t('vouchers.issued', { date: fmt.date(v.assigned_at ?? v.created_at) })}
                {v.valid_until && ` · ${t('vouchers.until', { date: fmt.date(v.valid_until) })}`}
              </Text>
            </Stack>
            {v.status === 'active' && (
              <Button size="xs" variant="light" onClick={() => setRedeeming(v)} data-testid="redeem-voucher">
                {t('vouchers.redeem')}
              </Button>
            )}
          </Group>
          {(v.redemptions ?? []).length > 0 && (
            <VoucherRedemptions voucher={v} customerId={customerId} undoableId={undoable(v)?.id ?? null} />
          )}
        </Paper>
      ))}
      {(vouchers.data?.total ?? 0) > 20 && (
        <Group justify="flex-end">
          <Pagination size="sm" total={Math.ceil((vouchers.data?.total ?? 0) / 20)} value={page} onChange={setPage} />
        </Group>
      )}
      <AssignVoucherModal customerId={customerId} currency={currency} opened={assigning} onClose={() => setAssigning(false)} />
      <RedeemModal voucher={redeeming} onClose={() => setRedeeming(null)} />
    </Stack>
  );
}
