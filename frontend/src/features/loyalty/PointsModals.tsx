import { Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useAdjustPoints, useRedeemPoints } from './queries';

interface Props {
  customerId: string;
  opened: boolean;
  onClose: () => void;
}

/** Add or take points by hand; a reason is required (it is kept in the ledger and the audit log). */
export function AdjustPointsModal({ customerId, opened, onClose }: Props) {
  const { t } = useTranslation();
  const adjust = useAdjustPoints(customerId);
  const [points, setPoints] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const valid = Number.isInteger(Number(points)) && Number(points) !== 0 && reason.trim().length > 0;
  const close = () => {
    setPoints('');
    setReason('');
    onClose();
  };
  const submit = () => {
    if (!valid) return;
    adjust.mutate(
      { points: Number(points), reason: reason.trim() },
      {
        onSuccess: (r) => {
          notifySuccess(t('points.adjusted', { balance: r.balance }));
          close();
        },
        onError: (e) => notifyError(e),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('points.adjustTitle')}>
      <Stack>
        <NumberInput
          label={t('points.adjustPoints')}
          description={t('points.adjustHint')}
          value={points}
          onChange={setPoints}
          allowDecimal={false}
          data-testid="adjust-points"
        />
        <Textarea label={t('points.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required maxLength={500} data-testid="adjust-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!valid} loading={adjust.isPending} data-testid="adjust-run">
            {t('points.adjust')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Pay part of a purchase with points, within the balance and the programme's limits. */
export function RedeemPointsModal({ customerId, opened, onClose, balance }: Props & { balance: number }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const redeem = useRedeemPoints(customerId);
  const [points, setPoints] = useState<number | string>('');
  const [purchase, setPurchase] = useState<number | string>('');
  // One key per dialog: a double click or a retry after a timeout redeems once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const over = Number(points) > balance;
  const valid = Number.isInteger(Number(points)) && Number(points) > 0 && !over;
  const close = () => {
    setPoints('');
    setPurchase('');
    setKey(crypto.randomUUID());
    onClose();
  };
  const submit = () => {
    if (!valid) return;
    redeem.mutate(
      { points: Number(points), key, ...(Number(purchase) > 0 ? { purchase_amount: Number(purchase) } : {}) },
      {
        onSuccess: (r) => {
          notifySuccess(t('points.redeemed', { points: Number(points), amount: fmt.money(r.amount), balance: r.balance }));
          close();
        },
        onError: (e) => notifyError(e),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title={t('points.redeemTitle')}>
      <Stack>
        <Text size="sm">{t('points.available', { points: fmt.number(balance) })}</Text>
        <NumberInput
          label={t('points.redeemPoints')}
          value={points}
          onChange={setPoints}
          min={1}
          allowDecimal={false}
          error={over ? t('points.overBalance', { max: fmt.number(balance) }) : undefined}
          data-testid="redeem-points"
        />
        <NumberInput
          label={t('points.purchaseAmount')}
          description={t('points.purchaseHint')}
          value={purchase}
          onChange={setPurchase}
          min={0.01}
          decimalScale={2}
          data-testid="redeem-purchase"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!valid} loading={redeem.isPending} data-testid="redeem-points-run">
            {t('points.redeem')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
