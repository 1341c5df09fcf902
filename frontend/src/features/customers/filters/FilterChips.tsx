import { Button, CloseButton, Group, Pill, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerFields } from '../queries';
import { describeNode } from './fields';
import { topLevelParts, withoutPart, type FilterNode } from './tree';

interface Props {
  filter: FilterNode | undefined;
  onChange: (filter: FilterNode | undefined) => void;
  onEdit: () => void;
  onSave?: () => void;
}

/** The active filter as removable chips, with the join between them. */
export function FilterChips({ filter, onChange, onEdit, onSave }: Props) {
  const { t, i18n } = useTranslation();
  const fields = useCustomerFields();
  const byName = useMemo(() => new Map((fields.data ?? []).map((f) => [f.name, f])), [fields.data]);
  if (!filter) return null;
  const { join, parts } = topLevelParts(filter);

  return (
    <Group gap={6} wrap="wrap" data-testid="filter-chips">
      {parts.map((part, i) => (
        <Group key={JSON.stringify(part)} gap={6} wrap="nowrap">
          {i > 0 && (
            <Text size="xs" fw={700} c="dimmed">
              {join === 'and' ? t('filter.and') : t('filter.or')}
            </Text>
          )}
          <Pill
            size="md"
            withRemoveButton
            onRemove={() => onChange(withoutPart(filter, i))}
            removeButtonProps={{ 'aria-label': t('filter.removeCondition') }}
            onClick={onEdit}
            style={{ cursor: 'pointer' }}
            data-testid="filter-chip"
          >
            {describeNode(part, byName, t, i18n.language)}
          </Pill>
        </Group>
      ))}
      <CloseButton size="sm" aria-label={t('filter.clear')} onClick={() => onChange(undefined)} />
      {onSave && (
        <Button size="compact-sm" variant="light" leftSection={<IconDeviceFloppy size={14} />} onClick={onSave} data-testid="save-segment">
          {t('segments.save')}
        </Button>
      )}
    </Group>
  );
}
