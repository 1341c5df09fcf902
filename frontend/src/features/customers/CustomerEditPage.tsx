import { Alert, Button, Skeleton, Stack, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/problem';
import { ErrorView } from '@/components/ErrorView';
import { useMe } from '@/features/auth/queries';
import { notifySuccess } from '@/lib/notify';
import { CustomerForm } from './form/CustomerForm';
import { toFormValues, toPatchBody } from './form/schema';
import { MergeCustomerModal } from './merge/MergeCustomerModal';
import { customerName, useCustomer, useUpdateCustomer } from './queries';

export function CustomerEditPage({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { tenant } = useMe();
  const navigate = useNavigate();
  const query = useCustomer(customerId);
  const [mergeWith, setMergeWith] = useState<string | null>(null);
  const update = useUpdateCustomer();
  const record = query.data;
  const initial = useMemo(() => (record ? toFormValues(record.customer, tenant.country) : null), [record, tenant.country]);
  const toDetail = () => navigate({ to: '/customers/$customerId', params: { customerId } });

  if (query.isError) return <ErrorView error={query.error} reset={() => void query.refetch()} />;
  if (!record || !initial) return <Skeleton height={480} radius="md" />;
  const stale = update.error instanceof ApiError && update.error.status === 412;

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('customer.editTitle', { name: customerName(record.customer) })}</Title>
      {stale && (
        <Alert color="orange" title={t('customer.staleTitle')} role="alert">
          {t('customer.stale')}{' '}
          <Button size="xs" variant="light" onClick={() => void query.refetch().then(() => update.reset())}>
            {t('customer.reload')}
          </Button>
        </Alert>
      )}
      <CustomerForm
        // A reload after a conflict brings a new version: start the form again from it.
        key={record.etag ?? record.customer.updated_at}
        initial={initial}
        current={record.customer}
        submitLabel={t('common.save')}
        onCancel={() => void toDetail()}
        onMerge={(_values, match) => setMergeWith(match.customer_id)}
        onSubmit={async (values, { allowDuplicate }) => {
          const patch = toPatchBody(values, initial);
          if (Object.keys(patch).length > 0) {
            await update.mutateAsync({ id: customerId, patch, etag: record.etag, allowDuplicate });
            notifySuccess(t('customer.saved'));
          }
          await toDetail();
        }}
      />
      {mergeWith && (
        <MergeCustomerModal
          opened
          customer={record.customer}
          initialOtherId={mergeWith}
          onClose={() => setMergeWith(null)}
          onMerged={(keptId) => void navigate({ to: '/customers/$customerId', params: { customerId: keptId } })}
        />
      )}
    </Stack>
  );
}
