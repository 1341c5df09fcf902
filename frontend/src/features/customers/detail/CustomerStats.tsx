import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { useFormatters } from '@/lib/useFormatters';
import { rfmLabel } from '@/i18n/codes';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function CustomerStats({ customer: c, activeVouchers }: { customer: Customer; activeVouchers?: number }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const f = (key: string) => t(`customer.fields.${key}` as 'customer.fields.email');
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="customer-stats">
      <Stat label={f('total_spent')} value={fmt.money(c.total_spent)} hint={`${f('transactions_count')}: ${fmt.number(c.transactions_count)}`} />
      <Stat label={f('visits')} value={fmt.number(c.visits)} hint={`${f('last_visit_at')}: ${fmt.relative(c.last_visit_at)}`} />
      <Stat label={f('avg_check')} value={fmt.money(c.avg_check)} />
      <Stat
        label={f('last_purchase_amount')}
        value={fmt.money(c.last_purchase_amount)}
        hint={fmt.date(c.last_purchase_at)}
      />
      <Stat
        label={f('vouchers_assigned')}
        value={fmt.number(c.vouchers_assigned)}
        hint={`${f('vouchers_active')}: ${fmt.number(activeVouchers ?? c.vouchers_active)} · ${f('vouchers_redeemed')}: ${fmt.number(c.vouchers_redeemed)}`}
      />
      <Stat label={f('voucher_redeemed_amount')} value={fmt.money(c.voucher_redeemed_amount)} hint={c.rfm_segment ? `${f('rfm_segment')}: ${rfmLabel(t, c.rfm_segment)}` : undefined} />
    </SimpleGrid>
  );
}
