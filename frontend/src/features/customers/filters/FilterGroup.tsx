import { ActionIcon, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConditionRow } from './ConditionRow';
import type { FieldInfo } from './fields';
import { emptyCondition, emptyGroup, MAX_DEPTH, type DraftGroup, type DraftItem, type Join } from './tree';

interface Props {
  group: DraftGroup;
  fields: FieldInfo[];
  depth: number;
  onUpdate: (key: string, update: (item: DraftItem) => DraftItem) => void;
  onRemove: (key: string) => void;
  onAppend: (groupKey: string, item: DraftItem) => void;
}

/** One group: its conditions and nested groups, joined by AND or OR, optionally negated. */
export function FilterGroup({ group, fields, depth, onUpdate, onRemove, onAppend }: Props) {
  const { t } = useTranslation();
  const setGroup = (patch: Partial<DraftGroup>) =>
    onUpdate(group.key, (item) => (item.kind === 'group' ? { ...item, ...patch } : item));

  return (
    <Paper withBorder={depth > 0} p={depth > 0 ? 'sm' : 0} radius="md" bg={depth > 0 ? 'gray.0' : undefined}>
      <Stack gap="xs" data-testid={`filter-group-${depth}`}>
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text size="sm">{t('filter.match')}</Text>
            <SegmentedControl
              size="xs"
              data={[
                { value: 'and', label: t('filter.all') },
                { value: 'or', label: t('filter.any') },
              ]}
              value={group.join}
              onChange={(join) => setGroup({ join: join as Join })}
              data-testid="filter-join"
            />
            <Checkbox
              size="xs"
              label={t('filter.negate')}
              checked={group.negate}
              onChange={(e) => setGroup({ negate: e.currentTarget.checked })}
            />
          </Group>
          {depth > 0 && (
            <ActionIcon variant="subtle" color="red" onClick={() => onRemove(group.key)} aria-label={t('filter.removeGroup')}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        {group.items.map((item) =>
          item.kind === 'group' ? (
            <FilterGroup
              key={item.key}
              group={item}
              fields={fields}
              depth={depth + 1}
              onUpdate={onUpdate}
              onRemove={onRemove}
              onAppend={onAppend}
            />
          ) : (
            <ConditionRow
              key={item.key}
              condition={item}
              fields={fields}
              onChange={(next) => onUpdate(item.key, () => next)}
              onRemove={() => onRemove(item.key)}
            />
          ),
        )}
        <Group gap="xs">
          <Button
            size="xs"
            // `default` (dark text on white): the light variant's label fails axe's contrast.
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => onAppend(group.key, emptyCondition())}
            data-testid="filter-add-condition"
          >
            {t('filter.addCondition')}
          </Button>
          {depth + 1 < MAX_DEPTH && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={14} />}
              onClick={() => onAppend(group.key, emptyGroup(group.join === 'and' ? 'or' : 'and'))}
              data-testid="filter-add-group"
            >
              {t('filter.addGroup')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
