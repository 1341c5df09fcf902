import { Alert, Anchor, Button, Divider, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { customerName } from '@/features/customers/queries';
import { useCustomerSummary, type VoucherOut } from '@/features/vouchers/queries';
import { RedeemModal } from '@/features/vouchers/RedeemModal';
import { notifyError } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { CustomerFinder } from './CustomerFinder';
import { useRecordSale } from './queries';

/** The till for a business whose POS is not connected: find the customer, record the purchase, redeem a voucher. */
export function SaleModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [recorded, setRecorded] = useState<string | null>(null);
  const [redeeming, setRedeeming] = useState<VoucherOut | null>(null);
  const sale = useRecordSale();
  const navigate = useNavigate();
  const fmt = useFormatters();

  const close = () => {
    setCustomer(null);
    setAmount('');
    setRecorded(null);
    onClose();
  };
  const record = () => {
    if (!customer || !(Number(amount) > 0)) return;
    sale.mutate(
      { customerId: customer.id, amount: Number(amount) },
      {
        onSuccess: (tx) => {
          setRecorded(t('desk.saleRecorded', { amount: fmt.money(tx.amount), name: customerName(customer) }));
          setAmount('');
        },
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <>
      <Modal opened={opened && redeeming === null} onClose={close} title={t('desk.newSale')} size="lg">
        {!customer ? (
          <CustomerFinder
            label={t('desk.saleCustomer')}
            testId="sale-find"
            autoFocus
            onPick={setCustomer}
            onAdd={(term) => {
              close();
              void navigate({ to: '/customers/new', search: term ? { prefill: term } : {} });
            }}
          />
        ) : (
          <Stack>
            <Group justify="space-between">
              <Text fw={600} data-testid="sale-customer">
                {customerName(customer)}
              </Text>
              <Anchor component="button" type="button" size="sm" onClick={() => setCustomer(null)}>
                {t('desk.otherCustomer')}
              </Anchor>
            </Group>
            {recorded && (
              <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="sale-recorded">
                {recorded}
              </Alert>
            )}
            <Group align="flex-end">
              <NumberInput
                label={t('desk.saleAmount')}
                value={amount}
                onChange={setAmount}
                min={0.01}
                decimalScale={2}
                w={200}
                data-testid="sale-amount"
                onKeyDown={(e) => {
                  if (e.key === 'Enter') record();
                }}
              />
              <Button onClick={record} loading={sale.isPending} disabled={!(Number(amount) > 0)} data-testid="sale-record">
                {t('desk.recordSale')}
              </Button>
            </Group>
            <Divider label={t('desk.saleVouchers')} labelPosition="left" />
            <SaleVouchers customerId={customer.id} onRedeem={setRedeeming} />
          </Stack>
        )}
      </Modal>
      <RedeemModal voucher={redeeming} onClose={() => setRedeeming(null)} />
    </>
  );
}

function SaleVouchers({ customerId, onRedeem }: { customerId: string; onRedeem: (v: VoucherOut) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const summary = useCustomerSummary(customerId);
  const vouchers = summary.data?.active_vouchers ?? [];
  if (summary.data && vouchers.length === 0) return <Text size="sm" c="dimmed">{t('desk.noVouchers')}</Text>;
  return (
    <Stack gap="xs">
      {vouchers.map((v) => (
        <Group key={v.id} justify="space-between" data-testid="sale-voucher">
          <Text size="sm">
            <Text span ff="monospace">
              {v.code}
            </Text>{' '}
            · {v.kind === 'percent' ? `${fmt.number(Number(v.initial_value))} %` : fmt.money(v.balance)}
          </Text>
          <Button size="xs" variant="light" onClick={() => onRedeem(v)} data-testid="sale-redeem">
            {t('vouchers.redeem')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
