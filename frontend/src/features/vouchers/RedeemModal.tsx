import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useRedeemVoucher, type Voucher, type VoucherOut } from './queries';

/** Take an amount off a voucher, or use a percent voucher on a purchase (the server computes the discount). */
export function RedeemModal({ voucher, onClose }: { voucher: Voucher | VoucherOut | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const redeem = useRedeemVoucher();
  const [amount, setAmount] = useState<number | string>('');
  // Two steps: type the amount, then confirm what stays on the voucher.
  const [confirming, setConfirming] = useState(false);
  const isAmount = voucher?.kind === 'amount';
  const balance = Number(voucher?.balance ?? 0);
  // Shown before submitting; the server computes the same (half up to the cent) and is the truth.
  const discount = !isAmount && Number(amount) > 0 ? (Number(amount) * Number(voucher?.initial_value ?? 0)) / 100 : null;

  // Above the balance is refused before anything is sent, naming the most that can be taken.
  const over = isAmount && Number(amount) > balance;
  const remaining = isAmount ? Math.max(0, balance - Number(amount)) : null;
  const close = () => {
    setConfirming(false);
    setAmount('');
    onClose();
  };

  const submit = () => {
    if (!voucher || over) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    redeem.mutate(
      isAmount ? { code: voucher.code, amount: Number(amount) } : { code: voucher.code, purchaseAmount: Number(amount) },
      {
        onSuccess: (r) => {
          notifySuccess(t('vouchers.redeemed', { code: r.voucher.code, amount: fmt.money(r.redemption.amount) }));
          close();
        },
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <Modal opened={voucher !== null} onClose={close} title={t('vouchers.redeemTitle', { code: voucher?.code ?? '' })}>
      <Stack>
        {isAmount && <Text size="sm">{t('vouchers.balanceLeft', { amount: fmt.money(balance) })}</Text>}
        <NumberInput
          label={isAmount ? t('vouchers.amount') : t('vouchers.purchaseAmount')}
          value={amount}
          onChange={(v) => {
            setAmount(v);
            setConfirming(false);
          }}
          min={0.01}
          decimalScale={2}
          error={over ? t('vouchers.overBalance', { max: fmt.money(balance) }) : undefined}
          data-testid="redeem-amount"
        />
        {confirming && (
          <Alert color="blue" data-testid="redeem-confirm">
            {isAmount
              ? t('vouchers.confirmAmount', { amount: fmt.money(Number(amount)), remaining: fmt.money(remaining) })
              : t('vouchers.confirmPercent', { amount: fmt.money(discount) })}
          </Alert>
        )}
        {discount !== null && (
          <Text size="sm" data-testid="redeem-discount">
            {t('vouchers.discountWillBe', { amount: fmt.money(discount) })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={redeem.isPending}
            disabled={!(Number(amount) > 0) || over}
            data-testid="redeem-run"
          >
            {confirming ? t('vouchers.confirmRedeem') : t('vouchers.redeem')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
