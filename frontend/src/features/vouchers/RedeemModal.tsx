import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useRedeemVoucher, type Voucher } from './queries';

/** Take an amount off a voucher, or use a percent voucher on a purchase (the server computes the discount). */
export function RedeemModal({ voucher, onClose }: { voucher: Voucher | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const redeem = useRedeemVoucher();
  const [amount, setAmount] = useState<number | string>('');
  const isAmount = voucher?.kind === 'amount';
  const balance = Number(voucher?.balance ?? 0);
  // Shown before submitting; the server computes the same (half up to the cent) and is the truth.
  const discount = !isAmount && Number(amount) > 0 ? (Number(amount) * Number(voucher?.initial_value ?? 0)) / 100 : null;

  const submit = () => {
    if (!voucher) return;
    redeem.mutate(
      isAmount ? { code: voucher.code, amount: Number(amount) } : { code: voucher.code, purchaseAmount: Number(amount) },
      {
        onSuccess: (r) => {
          notifySuccess(t('vouchers.redeemed', { code: r.voucher.code, amount: fmt.money(r.redemption.amount) }));
          setAmount('');
          onClose();
        },
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <Modal opened={voucher !== null} onClose={onClose} title={t('vouchers.redeemTitle', { code: voucher?.code ?? '' })}>
      <Stack>
        {isAmount && <Text size="sm">{t('vouchers.balanceLeft', { amount: fmt.money(balance) })}</Text>}
        <NumberInput
          label={isAmount ? t('vouchers.amount') : t('vouchers.purchaseAmount')}
          value={amount}
          onChange={setAmount}
          min={0.01}
          max={isAmount ? balance : undefined}
          decimalScale={2}
          data-testid="redeem-amount"
        />
        {discount !== null && (
          <Text size="sm" data-testid="redeem-discount">
            {t('vouchers.discountWillBe', { amount: fmt.money(discount) })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={redeem.isPending}
            disabled={!(Number(amount) > 0)}
            data-testid="redeem-run"
          >
            {t('vouchers.redeem')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
