import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconArrowsJoin } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Customer } from '@/api/types';
import { notifyError, notifySuccess } from '@/lib/notify';
import { formatPhone } from '@/lib/phone';
import { customerName, customerQueryOptions } from '../queries';
import { MergeConflicts } from './MergeConflicts';
import { MergePreview } from './MergePreview';
import { conflictingFields, fieldPicks, MERGE_FIELDS } from './mergeFields';
import { useMergeCandidates, useMergeCustomers, useMergePreview } from './queries';

interface Props {
  customer: Customer;
  opened: boolean;
  onClose: () => void;
  /** After the merge: the customer that stayed. */
  onMerged: (keptId: string) => void;
  /** Start with this duplicate picked (from the form's duplicate warning). */
  initialOtherId?: string;
  /** Which record stays at first: a new record merges into the one that was there. */
  initialKeep?: 'this' | 'other';
}

function describe(c: Customer): string {
  return [customerName(c), c.email, formatPhone(c.phone)].filter(Boolean).join(' · ');
}

/** Duplicates often share a name: show what tells them apart. */
function RecordLabel({ customer }: { customer: Customer }) {
  return (
    <Stack gap={0}>
      <Text size="sm" truncate>
        {customerName(customer)}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {customer.email ?? (customer.phone && formatPhone(customer.phone)) ?? customer.id.slice(0, 8)}
      </Text>
    </Stack>
  );
}

const schema = z.object({
  otherId: z.string().nullable().refine((id) => id !== null, { error: 'required' }),
  keep: z.enum(['this', 'other']),
  picks: z.partialRecord(z.enum(MERGE_FIELDS), z.string()),
});
type MergeValues = z.input<typeof schema>;

/** Merge the customer on screen with a duplicate: pick it, choose who stays and whose values win, see the result, confirm. */
export function MergeCustomerModal({ opened, onClose, customer, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.title', { name: customerName(customer) })} size="xl" centered>
      {/* Inside the modal, which unmounts it on close: each opening starts from the given duplicate, or none. */}
      <MergeForm customer={customer} onClose={onClose} {...rest} />
    </Modal>
  );
}

function MergeForm({ customer, onClose, onMerged, initialOtherId, initialKeep = 'this' }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const { control, handleSubmit, setValue } = useForm<MergeValues>({
    resolver: zodResolver(schema),
    defaultValues: { otherId: initialOtherId ?? null, keep: initialKeep, picks: {} },
  });
  const [otherId, keep, picks] = useWatch({ control, name: ['otherId', 'keep', 'picks'] });
  const candidates = useMergeCandidates(q, customer.id);
  const other = useQuery({ ...customerQueryOptions(otherId ?? ''), enabled: otherId !== null });
  const otherCustomer = otherId ? other.data?.customer : undefined;
  const target = keep === 'this' ? customer : otherCustomer;
  const source = keep === 'this' ? otherCustomer : customer;
  const body = target && source ? { target_id: target.id, source_ids: [source.id], fields: fieldPicks(picks, target.id) } : null;
  const preview = useMergePreview(body);
  const merge = useMergeCustomers();
  const conflicts = otherCustomer ? conflictingFields(customer, otherCustomer) : [];

  const confirm = handleSubmit(() => {
    if (!body || !target || !preview.data || preview.isError) return;
    merge.mutate(body, {
      onSuccess: (result) => {
        notifySuccess(t('merge.done', { name: customerName(result.customer) }));
        onMerged(target.id);
      },
      onError: (e) => notifyError(e),
    });
  });
  const options = (candidates.data ?? []).map((c) => ({ value: c.id, label: describe(c) }));
  if (otherCustomer && !options.some((o) => o.value === otherCustomer.id)) options.push({ value: otherCustomer.id, label: describe(otherCustomer) });

  return (
    // No <form>: Enter in the duplicate search picks an option and must never start a merge.
    <Stack gap="md" data-testid="merge-modal">
      <Select
        label={t('merge.pick')}
        placeholder={t('merge.pickPlaceholder')}
        searchable
        clearable
        data={options}
        value={otherId}
        onChange={(id) => {
          setValue('otherId', id);
          setValue('picks', {});
        }}
        searchValue={search}
        onSearchChange={setSearch}
        // The API searched already: show what it found, unfiltered.
        filter={({ options: all }) => all}
        nothingFoundMessage={q.trim().length >= 2 && !candidates.isFetching ? t('merge.noResults') : undefined}
        data-testid="merge-pick"
      />
      {otherId && !otherCustomer && <Skeleton height={120} />}
      {otherCustomer && (
        <>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('merge.keep')}
            </Text>
            <SegmentedControl
              value={keep}
              onChange={(v) => {
                setValue('keep', v as 'this' | 'other');
                setValue('picks', {});
              }}
              data={[
                { value: 'this', label: <RecordLabel customer={customer} /> },
                { value: 'other', label: <RecordLabel customer={otherCustomer} /> },
              ]}
              data-testid="merge-keep"
            />
            <Text size="xs" c="dimmed">
              {t('merge.keepHint', { name: source ? customerName(source) : '' })}
            </Text>
          </Stack>
          {conflicts.length > 0 && target && source && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('merge.conflicts')}
              </Text>
              <MergeConflicts conflicts={conflicts} target={target} source={source} picks={picks} onPick={(f, id) => setValue('picks', { ...picks, [f]: id })} />
            </Stack>
          )}
          {preview.isError ? (
            <Alert color="red">{preview.error.message}</Alert>
          ) : (
            <MergePreview result={preview.data} loading={preview.isFetching} />
          )}
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconArrowsJoin size={16} />}
          disabled={!body || !preview.data || preview.isError}
          loading={merge.isPending}
          onClick={() => void confirm()}
          data-testid="merge-confirm"
        >
          {t('merge.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
