import { Badge, Button, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowsJoin, IconCoins, IconEdit, IconHistory, IconId, IconNote, IconReceipt, IconShieldCheck, IconTicket, IconTimeline, IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorView } from '@/components/ErrorView';
import { ButtonLink } from '@/components/links';
import { TagChips } from '@/components/TagChips';
import { useMe } from '@/features/auth/queries';
import { CustomerPoints } from '@/features/loyalty/CustomerPoints';
import { useTagColours } from '@/features/tags/queries';
import { CustomerTransactions } from '@/features/vouchers/CustomerTransactions';
import { CustomerVouchers } from '@/features/vouchers/CustomerVouchers';
import { useCustomerSummary } from '@/features/vouchers/queries';
import { useFormatters } from '@/lib/useFormatters';
import { CustomerConsents } from './detail/CustomerConsents';
import { CustomerHistory } from './detail/CustomerHistory';
import { CustomerNotes } from './detail/CustomerNotes';
import { CustomerProfile } from './detail/CustomerProfile';
import { CustomerStats } from './detail/CustomerStats';
import { CustomerTimeline } from './detail/CustomerTimeline';
import { DeleteCustomerModal } from './DeleteCustomerModal';
import { MergeCustomerModal } from './merge/MergeCustomerModal';
import { PrivacyMenu } from './PrivacyMenu';
import { customerName, useCustomer } from './queries';
import { rfmLabel } from '@/i18n/codes';
import { StatusBadge } from './StatusBadge';

/** Customer 360: who they are, what they spent, what changed. */
export function CustomerDetailPage({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const colours = useTagColours();
  const query = useCustomer(customerId);
  const summary = useCustomerSummary(customerId);
  const { tenant } = useMe();
  const [deleting, setDeleting] = useState(false);
  const [merging, setMerging] = useState(false);

  if (query.isError) return <ErrorView error={query.error} reset={() => void query.refetch()} />;
  if (!query.data) {
    return (
      <Stack>
        <Skeleton height={36} width={320} />
        <Skeleton height={96} />
        <Skeleton height={320} />
      </Stack>
    );
  }
  const c = query.data.customer;
  const erased = Boolean(c.erased_at);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="xs">
            <Title order={2} data-testid="customer-name">
              {customerName(c)}
            </Title>
            <StatusBadge status={c.status} />
            {erased && (
              <Badge color="gray" variant="filled" radius="sm" size="sm" data-testid="erased-badge">
                {t('customer.privacy.erasedBadge')}
              </Badge>
            )}
            <Badge variant="outline" color="gray" radius="sm" size="sm">
              {t(`customer.types.${c.type}`)}
            </Badge>
            {c.rfm_segment && (
              <Badge variant="light" color="grape" radius="sm" size="sm" title={t('customer.fields.rfm_segment')}>
                {rfmLabel(t, c.rfm_segment)}
              </Badge>
            )}
          </Group>
          <TagChips tags={c.tags ?? []} colours={colours} max={20} />
          <Text size="xs" c="dimmed">
            {t('customer.since', { date: fmt.date(c.created_at) })} · {t(`customer.sources.${c.source}`)}
          </Text>
          {erased && (
            <Text size="sm" c="dimmed" data-testid="erased-note">
              {t('customer.privacy.erasedNote', { date: fmt.date(c.erased_at ?? '') })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {!erased && (
          <ButtonLink
            to="/customers/$customerId/edit"
            params={{ customerId }}
            leftSection={<IconEdit size={16} />}
            data-testid="edit-customer"
          >
            {t('customer.actions.edit')}
          </ButtonLink>
          )}
          {!erased && (
          <Button variant="default" leftSection={<IconArrowsJoin size={16} />} onClick={() => setMerging(true)} data-testid="merge-customer">
            {t('merge.button')}
          </Button>
          )}
          <PrivacyMenu customer={c} />
          <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
            {t('customer.actions.delete')}
          </Button>
        </Group>
      </Group>
      <CustomerStats customer={summary.data?.customer ?? c} activeVouchers={summary.data?.active_vouchers.length} />
      <Tabs defaultValue="profile" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="profile" leftSection={<IconId size={16} />}>
            {t('customer.tabs.profile')}
          </Tabs.Tab>
          <Tabs.Tab value="activity" leftSection={<IconTimeline size={16} />} data-testid="tab-activity">
            {t('customer.tabs.activity')}
          </Tabs.Tab>
          <Tabs.Tab value="notes" leftSection={<IconNote size={16} />} data-testid="tab-notes">
            {t('customer.tabs.notes')}
          </Tabs.Tab>
          <Tabs.Tab value="vouchers" leftSection={<IconTicket size={16} />}>
            {t('customer.tabs.vouchers')}
          </Tabs.Tab>
          <Tabs.Tab value="points" leftSection={<IconCoins size={16} />}>
            {t('customer.tabs.points')}
          </Tabs.Tab>
          <Tabs.Tab value="transactions" leftSection={<IconReceipt size={16} />}>
            {t('customer.tabs.transactions')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            {t('customer.tabs.history')}
          </Tabs.Tab>
          <Tabs.Tab value="consents" leftSection={<IconShieldCheck size={16} />}>
            {t('customer.tabs.consents')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <CustomerProfile customer={c} />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="md">
          <CustomerTimeline customerId={customerId} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <CustomerNotes customerId={customerId} readOnly={erased} />
        </Tabs.Panel>
        <Tabs.Panel value="vouchers" pt="md">
          <CustomerVouchers customerId={customerId} currency={tenant.currency} />
        </Tabs.Panel>
        <Tabs.Panel value="points" pt="md">
          <CustomerPoints customerId={customerId} />
        </Tabs.Panel>
        <Tabs.Panel value="transactions" pt="md">
          <CustomerTransactions customerId={customerId} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <CustomerHistory customerId={customerId} />
        </Tabs.Panel>
        <Tabs.Panel value="consents" pt="md">
          <CustomerConsents customer={c} />
        </Tabs.Panel>
      </Tabs>
      <MergeCustomerModal
        customer={c}
        opened={merging}
        onClose={() => setMerging(false)}
        onMerged={(keptId) => {
          setMerging(false);
          if (keptId !== customerId) void navigate({ to: '/customers/$customerId', params: { customerId: keptId } });
        }}
      />
      <DeleteCustomerModal
        customer={deleting ? c : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => void navigate({ to: '/customers' })}
      />
    </Stack>
  );
}
