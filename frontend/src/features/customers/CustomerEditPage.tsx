import { Alert, Button, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/problem';
import { ErrorView } from '@/components/ErrorView';
import { useMe } from '@/features/auth/queries';
import { notifySuccess } from '@/lib/notify';
import { CustomerForm } from './form/CustomerForm';
import { toFormValues, toPatchBody, type CustomerFormValues } from './form/schema';
import { MergeCustomerModal } from './merge/MergeCustomerModal';
import { customerName, useCustomer, useUpdateCustomer } from './queries';

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function CustomerEditPage({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { tenant } = useMe();
  const navigate = useNavigate();
  const query = useCustomer(customerId);
  const [mergeWith, setMergeWith] = useState<string | null>(null);
  const [rebase, setRebase] = useState<{ from: CustomerFormValues; to: CustomerFormValues; n: number } | undefined>();
  const [serverChanges, setServerChanges] = useState<{ field: string; from: string; to: string }[]>([]);
  const update = useUpdateCustomer();
  const record = query.data;
  const initial = useMemo(() => (record ? toFormValues(record.customer, tenant.country) : null), [record, tenant.country]);
  const toDetail = () => navigate({ to: '/customers/$customerId', params: { customerId } });

  if (query.isError) return <ErrorView error={query.error} reset={() => void query.refetch()} />;
  if (!record || !initial) return <Skeleton height={480} radius="md" />;
  const stale = update.error instanceof ApiError && update.error.status === 412;
  const reload = async () => {
    const fresh = await query.refetch();
    if (!fresh.data) return;
    const to = toFormValues(fresh.data.customer, tenant.country);
    const changed = (Object.keys(to) as (keyof CustomerFormValues)[]).filter((k) => JSON.stringify(initial[k]) !== JSON.stringify(to[k]));
    setServerChanges(changed.map((k) => ({ field: k, from: shown(initial[k]), to: shown(to[k]) })));
    setRebase((r) => ({ from: initial, to, n: (r?.n ?? 0) + 1 }));
    update.reset();
  };

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('customer.editTitle', { name: customerName(record.customer) })}</Title>
      {stale && (
        <Alert color="orange" title={t('customer.staleTitle')} role="alert">
          {t('customer.stale')}{' '}
          <Button size="xs" variant="light" onClick={() => void reload()} data-testid="reload-conflict">
            {t('customer.reload')}
          </Button>
        </Alert>
      )}
      {serverChanges.length > 0 && (
        <Alert color="blue" title={t('customer.serverChanged')} data-testid="server-changes" withCloseButton onClose={() => setServerChanges([])}>
          <List size="sm">
            {serverChanges.map((c) => (
              <List.Item key={c.field}>
                {t(`customer.fields.${c.field}` as 'customer.fields.email', { defaultValue: c.field })}: “{c.from}” → “{c.to}”
              </List.Item>
            ))}
          </List>
          <Text size="sm" mt={4}>
            {t('customer.yourEditsKept')}
          </Text>
        </Alert>
      )}
      <CustomerForm
        // Kept mounted across a reload after a conflict: what the user typed stays (see `rebase`).
        key={customerId}
        rebase={rebase}
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
