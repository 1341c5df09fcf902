import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFormCheck } from '@/lib/formCheck';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useAdjustPoints, useRedeemPoints } from './queries';

interface Props {
  customerId: string;
  opened: boolean;
  onClose: () => void;
}

/** A number input's value: a number, or its text while not one (empty, `-`, `12.`). */
const amount = z.union([z.number(), z.string()]);

const adjustSchema = z.object({
  points: amount.refine((n) => Number.isInteger(Number(n)) && Number(n) !== 0, { error: 'invalid' }),
  reason: z.string().trim().min(1, { error: 'required' }).max(500, { error: 'too_long' }),
});
type AdjustValues = z.input<typeof adjustSchema>;

/** Add or take points by hand; a reason is required (it is kept in the ledger and the audit log). */
export function AdjustPointsModal({ customerId, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('points.adjustTitle')}>
      {/* Inside the modal, which unmounts it on close: each adjustment starts empty. */}
      <AdjustPointsForm customerId={customerId} onClose={onClose} />
    </Modal>
  );
}

function AdjustPointsForm({ customerId, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const adjust = useAdjustPoints(customerId);
  const { control, register, handleSubmit } = useForm<AdjustValues, unknown, z.output<typeof adjustSchema>>({
    resolver: zodResolver(adjustSchema),
    defaultValues: { points: '', reason: '' },
  });
  const { valid } = useFormCheck(adjustSchema, control);
  const submit = handleSubmit((v) =>
    adjust.mutate(
      { points: Number(v.points), reason: v.reason },
      {
        onSuccess: (r) => {
          notifySuccess(t('points.adjusted', { balance: r.balance }));
          onClose();
        },
        onError: (e) => notifyError(e),
      },
    ),
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Controller
          control={control}
          name="points"
          render={({ field }) => (
            <NumberInput
              label={t('points.adjustPoints')}
              description={t('points.adjustHint')}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              allowDecimal={false}
              data-testid="adjust-points"
            />
          )}
        />
        <Textarea label={t('points.reason')} required maxLength={500} {...register('reason')} data-testid="adjust-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!valid} loading={adjust.isPending} data-testid="adjust-run">
            {t('points.adjust')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const redeemSchema = (balance: number) =>
  z.object({
    points: amount
      .refine((n) => !(Number(n) > balance), { error: 'overBalance' })
      .refine((n) => Number.isInteger(Number(n)) && Number(n) > 0, { error: 'positive' }),
    purchase: amount,
  });
type RedeemValues = z.input<ReturnType<typeof redeemSchema>>;

/** Pay part of a purchase with points, within the balance and the programme's limits. */
export function RedeemPointsModal({ customerId, opened, onClose, balance }: Props & { balance: number }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('points.redeemTitle')}>
      {/* Inside the modal, which unmounts it on close: a new dialog is a new redemption (key). */}
      <RedeemPointsForm customerId={customerId} onClose={onClose} balance={balance} />
    </Modal>
  );
}

function RedeemPointsForm({ customerId, onClose, balance }: Omit<Props, 'opened'> & { balance: number }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const redeem = useRedeemPoints(customerId);
  // One key per dialog: a double click or a retry after a timeout redeems once.
  const [key] = useState(() => crypto.randomUUID());
  const schema = useMemo(() => redeemSchema(balance), [balance]);
  const { control, handleSubmit } = useForm<RedeemValues>({ resolver: zodResolver(schema), defaultValues: { points: '', purchase: '' } });
  const { valid, issue } = useFormCheck(schema, control);
  const over = issue('points') === 'overBalance';
  const submit = handleSubmit((v) =>
    redeem.mutate(
      { points: Number(v.points), key, ...(Number(v.purchase) > 0 ? { purchase_amount: Number(v.purchase) } : {}) },
      {
        onSuccess: (r) => {
          notifySuccess(t('points.redeemed', { points: Number(v.points), amount: fmt.money(r.amount), balance: r.balance }));
          onClose();
        },
        onError: (e) => notifyError(e),
      },
    ),
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm">{t('points.available', { points: fmt.number(balance) })}</Text>
        <Controller
          control={control}
          name="points"
          render={({ field }) => (
            <NumberInput
              label={t('points.redeemPoints')}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              min={1}
              allowDecimal={false}
              error={over ? t('points.overBalance', { max: fmt.number(balance) }) : undefined}
              data-testid="redeem-points"
            />
          )}
        />
        <Controller
          control={control}
          name="purchase"
          render={({ field }) => (
            <NumberInput
              label={t('points.purchaseAmount')}
              description={t('points.purchaseHint')}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              min={0.01}
              decimalScale={2}
              data-testid="redeem-purchase"
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!valid} loading={redeem.isPending} data-testid="redeem-points-run">
            {t('points.redeem')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
