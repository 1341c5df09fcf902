import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFormCheck, useLastDefined } from '@/lib/formCheck';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useRedeemVoucher, type Voucher, type VoucherOut } from './queries';

type AnyVoucher = Voucher | VoucherOut;

/** The amount taken (or, for a percent voucher, the purchase): above zero, within an amount voucher's balance. */
const redeemSchema = (balance: number | null) =>
  z.object({
    amount: z
      .union([z.number(), z.string()])
      .refine((n) => balance === null || !(Number(n) > balance), { error: 'overBalance' })
      .refine((n) => Number(n) > 0, { error: 'positive' }),
  });
type RedeemValues = z.input<ReturnType<typeof redeemSchema>>;

/** Take an amount off a voucher, or use a percent voucher on a purchase (the server computes the discount). */
export function RedeemModal({ voucher, onClose }: { voucher: AnyVoucher | null; onClose: () => void }) {
  const { t } = useTranslation();
  const shown = useLastDefined(voucher);
  return (
    <Modal opened={voucher !== null} onClose={onClose} title={t('vouchers.redeemTitle', { code: shown?.code ?? '' })}>
      {/* Inside the modal, which unmounts it on close: each redemption starts empty. */}
      {shown && <RedeemForm voucher={shown} onClose={onClose} />}
    </Modal>
  );
}

function RedeemForm({ voucher, onClose }: { voucher: AnyVoucher; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const redeem = useRedeemVoucher();
  // Two steps: type the amount, then confirm what stays on the voucher.
  const [confirming, setConfirming] = useState(false);
  const isAmount = voucher.kind === 'amount';
  const balance = Number(voucher.balance);
  const schema = useMemo(() => redeemSchema(isAmount ? balance : null), [isAmount, balance]);
  const { control, handleSubmit } = useForm<RedeemValues>({ resolver: zodResolver(schema), defaultValues: { amount: '' } });
  const { valid, issue } = useFormCheck(schema, control);
  const amount = Number(useWatch({ control, name: 'amount' }));
  // Shown before submitting; the server computes the same (half up to the cent) and is the truth.
  const discount = !isAmount && amount > 0 ? (amount * Number(voucher.initial_value)) / 100 : null;
  // Above the balance is refused before anything is sent, naming the most that can be taken.
  const over = issue('amount') === 'overBalance';
  const remaining = isAmount ? Math.max(0, balance - amount) : null;

  const submit = handleSubmit((v) => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    const value = Number(v.amount);
    redeem.mutate(isAmount ? { code: voucher.code, amount: value } : { code: voucher.code, purchaseAmount: value }, {
      onSuccess: (r) => {
        notifySuccess(t('vouchers.redeemed', { code: r.voucher.code, amount: fmt.money(r.redemption.amount) }));
        onClose();
      },
      onError: (e) => notifyError(e),
    });
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {isAmount && <Text size="sm">{t('vouchers.balanceLeft', { amount: fmt.money(balance) })}</Text>}
        <Controller
          control={control}
          name="amount"
          render={({ field }) => (
            <NumberInput
              label={isAmount ? t('vouchers.amount') : t('vouchers.purchaseAmount')}
              value={field.value}
              onChange={(v) => {
                field.onChange(v);
                setConfirming(false);
              }}
              onBlur={field.onBlur}
              min={0.01}
              decimalScale={2}
              error={over ? t('vouchers.overBalance', { max: fmt.money(balance) }) : undefined}
              data-testid="redeem-amount"
            />
          )}
        />
        {confirming && (
          <Alert color="blue" data-testid="redeem-confirm">
            {isAmount
              ? t('vouchers.confirmAmount', { amount: fmt.money(amount), remaining: fmt.money(remaining) })
              : t('vouchers.confirmPercent', { amount: fmt.money(discount) })}
          </Alert>
        )}
        {discount !== null && (
          <Text size="sm" data-testid="redeem-discount">
            {t('vouchers.discountWillBe', { amount: fmt.money(discount) })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={redeem.isPending} disabled={!valid} data-testid="redeem-run">
            {confirming ? t('vouchers.confirmRedeem') : t('vouchers.redeem')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
