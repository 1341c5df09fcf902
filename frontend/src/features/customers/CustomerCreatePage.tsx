import { Stack, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/features/auth/queries';
import { notifySuccess } from '@/lib/notify';
import { CustomerForm } from './form/CustomerForm';
import { emptyFormValues, toCreateBody } from './form/schema';
import { customerName, useCreateCustomer } from './queries';

export function CustomerCreatePage() {
  const { t } = useTranslation();
  const { tenant } = useMe();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const initial = useMemo(() => emptyFormValues(tenant.country), [tenant.country]);

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('customer.addTitle')}</Title>
      <CustomerForm
        initial={initial}
        submitLabel={t('customer.create')}
        onCancel={() => void navigate({ to: '/customers' })}
        onSubmit={async (values) => {
          const customer = await create.mutateAsync(toCreateBody(values));
          notifySuccess(t('customer.created', { name: customerName(customer) }));
          await navigate({ to: '/customers/$customerId', params: { customerId: customer.id } });
        }}
      />
    </Stack>
  );
}
