import { Button, Drawer, Group, Skeleton, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerFields } from '../queries';
import { appendTo, removeItem, updateItem } from './draftOps';
import { FilterGroup } from './FilterGroup';
import { draftToTree, emptyCondition, treeToDraft, type DraftGroup, type FilterNode } from './tree';

interface Props {
  opened: boolean;
  filter: FilterNode | undefined;
  onClose: () => void;
  onApply: (filter: FilterNode | undefined) => void;
}

function startDraft(filter: FilterNode | undefined): DraftGroup {
  const draft = treeToDraft(filter);
  return draft.items.length === 0 ? { ...draft, items: [emptyCondition()] } : draft;
}

/** The condition builder: fields, operators and value inputs come from `GET /customers/fields`. */
export function FilterDrawer({ opened, filter, onClose, onApply }: Props) {
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
