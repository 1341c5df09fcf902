import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconCopyPlus, IconDeviceFloppy, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useUpdateSegment, type Segment } from './queries';
import { viewDiffers, type SegmentView } from './viewState';

interface Props {
  segment: Segment;
  view: SegmentView;
  columns: string[];
  onRevert: (segment: Segment) => void;
  onSaveAsNew: () => void;
  onEdit: () => void;
}

/** The segment the list shows: its name and description; once the view changes, save it, save as new, or go back. */
export function SegmentBar({ segment, view, columns, onRevert, onSaveAsNew, onEdit }: Props) {
  const { t } = useTranslation();
  const update = useUpdateSegment();
  const changed = viewDiffers(segment, view);

  const saveChanges = () =>
    update.mutate(
      {
        id: segment.id,
        patch: { filter: view.filter ? { ...view.filter } : null, q: view.q ?? null, sort: view.sort ?? null, columns },
      },
      { onSuccess: (s) => notifySuccess(t('segments.updated', { name: s.name })), onError: (e) => notifyError(e) },
    );

  return (
    <Paper withBorder radius="md" px="sm" py="xs" data-testid="segment-bar" data-changed={changed || undefined}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs">
            <Text fw={600} data-testid="segment-bar-name">
              {segment.name}
            </Text>
            {changed && (
              <Badge color="orange" variant="light" size="sm" radius="sm" data-testid="segment-changed">
                {t('segments.changed')}
              </Badge>
            )}
          </Group>
          {segment.description && (
            <Text size="sm" c="dimmed" lineClamp={2} data-testid="segment-bar-description">
              {segment.description}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {changed && (
            <>
              <Button size="compact-sm" leftSection={<IconDeviceFloppy size={14} />} onClick={saveChanges} loading={update.isPending} data-testid="segment-save-changes">
                {t('segments.saveChanges')}
              </Button>
              <Button size="compact-sm" variant="light" leftSection={<IconCopyPlus size={14} />} onClick={onSaveAsNew} data-testid="segment-save-as-new">
                {t('segments.saveAsNew')}
              </Button>
              <Button size="compact-sm" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => onRevert(segment)} data-testid="segment-revert">
                {t('segments.revert')}
              </Button>
            </>
          )}
          <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="segment-edit">
            {t('segments.edit')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
