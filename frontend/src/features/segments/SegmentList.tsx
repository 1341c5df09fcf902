import { ActionIcon, Group, NavLink, Paper, ScrollArea, Skeleton, Text } from '@mantine/core';
import { IconFilter, IconTrash, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '@/lib/notify';
import { useDeleteSegment, useSegments, type Segment } from './queries';
import { SegmentCount } from './SegmentCount';

interface Props {
  activeId: string | undefined;
  onSelect: (segment: Segment | null) => void;
  formatNumber: (n: number) => string;
}

/** Saved filters with their live member counts; choosing one loads its view. */
export function SegmentList({ activeId, onSelect, formatNumber }: Props) {
  const { t } = useTranslation();
  const segments = useSegments();
  const remove = useDeleteSegment();
  const items = segments.data ?? [];

  return (
    <Paper withBorder radius="md" p={4} component="nav" aria-label={t('segments.title')} data-testid="segment-list">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="xs" pt="xs" pb={4}>
        {t('segments.title')}
      </Text>
      <NavLink
        label={t('segments.all')}
        leftSection={<IconUsers size={16} />}
        active={!activeId}
        onClick={() => onSelect(null)}
      />
      <ScrollArea.Autosize mah={420}>
        {segments.isPending && <Skeleton height={28} m="xs" />}
        {!segments.isPending && items.length === 0 && (
          <Text size="xs" c="dimmed" px="xs" py={6}>
            {t('segments.empty')}
          </Text>
        )}
        {items.map((segment) => (
          // The delete button sits beside the link, not inside it: no control nested in another.
          <Group key={segment.id} gap={0} wrap="nowrap" pr={4}>
            <NavLink
              label={segment.name}
              description={segment.description ?? undefined}
              leftSection={<IconFilter size={16} />}
              active={segment.id === activeId}
              onClick={() => onSelect(segment)}
              style={{ flex: 1, minWidth: 0 }}
              rightSection={<SegmentCount id={segment.id} formatNumber={formatNumber} />}
            />
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={t('segments.delete', { name: segment.name })}
              onClick={() => {
                remove.mutate(segment.id, { onError: (error) => notifyError(error) });
                if (segment.id === activeId) onSelect(null);
              }}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
      </ScrollArea.Autosize>
    </Paper>
  );
}
