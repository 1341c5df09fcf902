import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useCreateVoucher } from './queries';

interface Props {
  customerId: string;
  currency: string;
  opened: boolean;
  onClose: () => void;
}

/** A new voucher, issued straight to this customer. */
export function AssignVoucherModal({ customerId, currency, opened, onClose }: Props) {
  const { t } = useTranslation();
  const create = useCreateVoucher();
  const [kind, setKind] = useState<'amount' | 'percent'>('amount');
  const [value, setValue] = useState<number | string>(50);
  const [code, setCode] = useState('');
  const [until, setUntil] = useState<string | null>(null);

  const submit = () => {
    create.mutate(
      {
        kind,
        value: Number(value),
        customer_id: customerId,
        code: code.trim() || null,
        valid_until: until ? `${until}T23:59:59Z` : null,
      },
      {
        onSuccess: (v) => {
          notifySuccess(t('vouchers.assigned', { code: v.code }));
          setCode('');
          onClose();
        },
        onError: (e) => notifyError(e),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('vouchers.assignTitle')}>
      <Stack>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'amount' | 'percent')}
          data={[
            { value: 'amount', label: t('vouchers.kinds.amount') },
            { value: 'percent', label: t('vouchers.kinds.percent') },
          ]}
        />
        <NumberInput
          label={t('vouchers.value')}
          value={value}
          onChange={setValue}
          min={0.01}
          max={kind === 'percent' ? 100 : undefined}
          decimalScale={2}
          rightSection={kind === 'percent' ? '%' : currency}
          rightSectionWidth={48}
          data-testid="voucher-value"
        />
        <TextInput label={t('vouchers.code')} description={t('vouchers.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
        <DateInput label={t('vouchers.validUntil')} value={until} onChange={setUntil} clearable valueFormat="YYYY-MM-DD" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} disabled={!(Number(value) > 0)} data-testid="voucher-create">
            {t('vouchers.assign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
