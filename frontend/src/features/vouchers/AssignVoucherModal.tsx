import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyProblemToForm } from '@/lib/formErrors';
import { notifySuccess } from '@/lib/notify';
import { useCreateVoucher } from './queries';

interface Props {
  customerId: string;
  currency: string;
  opened: boolean;
  onClose: () => void;
}

const schema = z
  .object({
    kind: z.enum(['amount', 'percent']),
    value: z.number({ error: 'positive' }).positive({ error: 'positive' }),
    code: z.string().trim().max(64, { error: 'too_long' }),
    valid_until: z.string().nullable(),
  })
  .refine((v) => v.kind !== 'percent' || v.value <= 100, { path: ['value'], error: 'percentMax' });
type AssignValues = z.infer<typeof schema>;

const EMPTY: AssignValues = { kind: 'amount', value: 50, code: '', valid_until: null };

/** A new voucher, issued straight to this customer. */
export function AssignVoucherModal({ customerId, currency, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('vouchers.assignTitle')}>
      {/* The form lives inside the modal, which unmounts it on close: each voucher starts empty,
          never with the previous one's code or expiry date. */}
      <AssignVoucherForm customerId={customerId} currency={currency} onClose={onClose} />
    </Modal>
  );
}

function AssignVoucherForm({ customerId, currency, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const create = useCreateVoucher();
  const { control, register, handleSubmit, setError, formState } = useForm<AssignValues>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
  });
  const kind = useWatch({ control, name: 'kind' });
  const message = (key: string | undefined) => key && t(`validation.${key}` as 'validation.invalid');

  const submit = handleSubmit((v) =>
    create.mutate(
      {
        kind: v.kind,
        value: v.value,
        customer_id: customerId,
        code: v.code || null,
        valid_until: v.valid_until ? `${v.valid_until}T23:59:59Z` : null,
      },
      {
        onSuccess: (created) => {
          notifySuccess(t('vouchers.assigned', { code: created.code }));
          onClose();
        },
        onError: (e) => applyProblemToForm(e, setError, Object.keys(EMPTY)),
      },
    ),
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <SegmentedControl
              value={field.value}
              onChange={(v) => field.onChange(v)}
              data={[
                { value: 'amount', label: t('vouchers.kinds.amount') },
                { value: 'percent', label: t('vouchers.kinds.percent') },
              ]}
            />
          )}
        />
        <Controller
          control={control}
          name="value"
          render={({ field, fieldState }) => (
            <NumberInput
              label={t('vouchers.value')}
              value={field.value}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
              onBlur={field.onBlur}
              min={0.01}
              max={kind === 'percent' ? 100 : undefined}
              decimalScale={2}
              rightSection={kind === 'percent' ? '%' : currency}
              rightSectionWidth={48}
              error={message(fieldState.error?.message)}
              data-testid="voucher-value"
            />
          )}
        />
        <TextInput
          label={t('vouchers.code')}
          description={t('vouchers.codeHint')}
          error={message(formState.errors.code?.message)}
          {...register('code')}
        />
        <Controller
          control={control}
          name="valid_until"
          render={({ field }) => (
            <DateInput
              label={t('vouchers.validUntil')}
              value={field.value}
              onChange={field.onChange}
              clearable
              minDate={new Date()}
              data-testid="voucher-valid-until"
            />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="voucher-create">
            {t('vouchers.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
