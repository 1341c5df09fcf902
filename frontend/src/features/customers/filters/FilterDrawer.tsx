import { Button, Drawer, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/useFormatters';
import { useCustomerCount, useCustomerFields } from '../queries';
import { appendTo, removeItem, updateItem } from './draftOps';
import { FilterGroup } from './FilterGroup';
import { draftToTree, emptyCondition, treeToDraft, type DraftGroup, type FilterNode } from './tree';

interface Props {
  opened: boolean;
  filter: FilterNode | undefined;
  /** The list's quick search: the live count counts what the list would show. */
  q?: string;
  onClose: () => void;
  onApply: (filter: FilterNode | undefined) => void;
}

function startDraft(filter: FilterNode | undefined): DraftGroup {
  const draft = treeToDraft(filter);
  return draft.items.length === 0 ? { ...draft, items: [emptyCondition()] } : draft;
}

/** The condition builder: fields, operators and value inputs come from `GET /customers/fields`. */
export function FilterDrawer({ opened, filter, q, onClose, onApply }: Props) {
  const { t } = useTranslation();
  const fields = useCustomerFields();
  const [draft, setDraft] = useState<DraftGroup>(() => startDraft(filter));
  const [openedWith, setOpenedWith] = useState<FilterNode | undefined>(filter);
  const filterable = (fields.data ?? []).filter((f) => f.filterable);
  const noValue = new Set(filterable.flatMap((f) => f.no_value_operators));

  // Opening again after the URL changed (a chip removed, a segment chosen): start from the URL.
  if (opened && filter !== openedWith) {
    setOpenedWith(filter);
    setDraft(startDraft(filter));
  }

  // The count of what the draft matches, as it is built: one request per pause in typing.
  // Debounced as text: a tree rebuilt on each render is a new object with the same content.
  const [countedText] = useDebouncedValue(JSON.stringify(draftToTree(draft, noValue)), 400);
  const counted = useMemo(() => (JSON.parse(countedText) as FilterNode | null) ?? undefined, [countedText]);
  const live = useCustomerCount({ q, filter: counted }, opened && !fields.isPending);

  const apply = () => {
    onApply(draftToTree(draft, noValue) ?? undefined);
    onClose();
  };

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={t('filter.title')}>
      <Stack>
        {fields.isPending ? (
          <Skeleton height={120} />
        ) : (
          <FilterGroup
            group={draft}
            fields={filterable}
            depth={0}
            onUpdate={(key, update) => setDraft((d) => (key === d.key ? (update(d) as DraftGroup) : updateItem(d, key, update)))}
            onRemove={(key) => setDraft((d) => removeItem(d, key))}
            onAppend={(groupKey, item) => setDraft((d) => appendTo(d, groupKey, item))}
          />
        )}
        <Text size="sm" fw={500} aria-live="polite" data-testid="filter-live-count" data-pending={live.isFetching || undefined}>
          <LiveCount total={live.data?.total} estimate={live.data?.total_is_estimate} fetching={live.isFetching} />
        </Text>
        <Group justify="space-between">
          <Button variant="subtle" color="gray" onClick={() => setDraft(startDraft(undefined))}>
            {t('filter.clear')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={apply} data-testid="filter-apply">
              {t('filter.apply')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Drawer>
  );
}

function LiveCount({ total, estimate, fetching }: { total: number | undefined; estimate: boolean | undefined; fetching: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  if (total === undefined) return fetching ? t('filter.counting') : null;
  const formatted = fmt.number(total);
  return estimate ? t('filter.liveCountAbout', { formatted }) : t('filter.liveCount', { count: total, formatted });
}
