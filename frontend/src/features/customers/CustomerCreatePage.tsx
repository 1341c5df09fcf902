import { Stack, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { useMe } from '@/features/auth/queries';
import { notifyError, notifySuccess } from '@/lib/notify';
import { CustomerForm } from './form/CustomerForm';
import { emptyFormValues, prefilledValues, toCreateBody } from './form/schema';
import { MergeCustomerModal } from './merge/MergeCustomerModal';
import { customerName, useCreateCustomer } from './queries';

export function CustomerCreatePage({ prefill }: { prefill?: string }) {
  const { t } = useTranslation();
  const { tenant } = useMe();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const initial = useMemo(() => prefilledValues(emptyFormValues(tenant.country), prefill), [tenant.country, prefill]);
  // "Merge" on the duplicate warning: the new record is saved, then merged into the one that was there.
  const [merging, setMerging] = useState<{ customer: Customer; otherId: string } | null>(null);
  const toCustomer = (customerId: string) => navigate({ to: '/customers/$customerId', params: { customerId } });

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('customer.addTitle')}</Title>
      <CustomerForm
        initial={initial}
        submitLabel={t('customer.create')}
        onCancel={() => void navigate({ to: '/customers' })}
        onSubmit={async (values, { allowDuplicate }) => {
          const customer = await create.mutateAsync({ body: toCreateBody(values), allowDuplicate });
          notifySuccess(t('customer.created', { name: customerName(customer) }));
          await toCustomer(customer.id);
        }}
        onMerge={(values, match) => {
          create.mutate(
            { body: toCreateBody(values), allowDuplicate: true },
            { onSuccess: (customer) => setMerging({ customer, otherId: match.customer_id }), onError: (e) => notifyError(e) },
          );
        }}
      />
      {merging && (
        <MergeCustomerModal
          opened
          customer={merging.customer}
          initialOtherId={merging.otherId}
          initialKeep="other"
          onClose={() => void toCustomer(merging.customer.id)}
          onMerged={(keptId) => void toCustomer(keptId)}
        />
      )}
    </Stack>
  );
}
