import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Divider, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
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
  const [recorded, setRecorded] = useState<string | null>(null);
  const [redeeming, setRedeeming] = useState<VoucherOut | null>(null);
  const sale = useRecordSale();
  const navigate = useNavigate();
  const fmt = useFormatters();

  const close = () => {
    setCustomer(null);
    setRecorded(null);
    onClose();
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
            <SaleAmountForm
              pending={sale.isPending}
              onRecord={(amount, done) =>
                sale.mutate(
                  { customerId: customer.id, amount },
                  {
                    onSuccess: (tx) => {
                      setRecorded(t('desk.saleRecorded', { amount: fmt.money(tx.amount), name: customerName(customer) }));
                      done();
                    },
                    onError: (e) => notifyError(e),
                  },
                )
              }
            />
            <Divider label={t('desk.saleVouchers')} labelPosition="left" />
            <SaleVouchers customerId={customer.id} onRedeem={setRedeeming} />
          </Stack>
        )}
      </Modal>
      <RedeemModal voucher={redeeming} onClose={() => setRedeeming(null)} />
    </>
  );
}

const saleSchema = z.object({ amount: z.union([z.number(), z.string()]).refine((n) => Number(n) > 0, { error: 'positive' }) });
type SaleValues = z.input<typeof saleSchema>;

/** The purchase's amount; Enter records it, and the box empties for the next one. */
function SaleAmountForm({ pending, onRecord }: { pending: boolean; onRecord: (amount: number, done: () => void) => void }) {
  const { t } = useTranslation();
  const { control, handleSubmit, reset } = useForm<SaleValues>({ resolver: zodResolver(saleSchema), defaultValues: { amount: '' } });
  const amount = useWatch({ control, name: 'amount' });
  const submit = handleSubmit((v) => onRecord(Number(v.amount), () => reset({ amount: '' })));
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-end">
        <Controller
          control={control}
          name="amount"
          render={({ field }) => (
            <NumberInput
              label={t('desk.saleAmount')}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              min={0.01}
              decimalScale={2}
              w={200}
              data-testid="sale-amount"
            />
          )}
        />
        <Button type="submit" loading={pending} disabled={!(Number(amount) > 0)} data-testid="sale-record">
          {t('desk.recordSale')}
        </Button>
      </Group>
    </form>
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
