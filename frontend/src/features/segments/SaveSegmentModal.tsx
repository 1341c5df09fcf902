import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/problem';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useCreateSegment, useUpdateSegment, type Segment, type SegmentIn } from './queries';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The view to save as a new segment: filter, quick search, sort and the shown columns. */
  view: Omit<SegmentIn, 'name'>;
  /** Given: rename and describe this segment instead (its view stays). */
  segment?: Segment;
  onSaved: (segment: Segment) => void;
}

/** Save the view as a new segment, or rename and describe a saved one. */
export function SaveSegmentModal({ opened, onClose, view, segment, onSaved }: Props) {
  const { t } = useTranslation();
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Each opening starts from the segment being edited, or empty for a new one.
  const key = opened ? (segment?.id ?? 'new') : null;
  if (key !== openedFor) {
    setOpenedFor(key);
    setName(segment?.name ?? '');
    setDescription(segment?.description ?? '');
    setError(null);
  }

  const done = (saved: Segment) => {
    notifySuccess(t('segments.saved', { name: saved.name }));
    onSaved(saved);
    onClose();
  };
  const failed = (e: Error) => {
    const field = e instanceof ApiError ? e.fieldErrors.find((fe) => fe.loc.includes('name')) : undefined;
    if (field) setError(field.message);
    else if (e instanceof ApiError && e.status === 409) setError(t('segments.nameTaken'));
    else notifyError(e);
  };

  const save = () => {
    if (!name.trim()) {
      setError(t('validation.required'));
      return;
    }
    const text = { name: name.trim(), description: description.trim() || null };
    if (segment) update.mutate({ id: segment.id, patch: text }, { onSuccess: done, onError: failed });
    else create.mutate({ ...view, ...text }, { onSuccess: done, onError: failed });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={segment ? t('segments.editTitle') : t('segments.saveTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack>
          {!segment && (
            <Text size="sm" c="dimmed">
              {t('segments.saveHint')}
            </Text>
          )}
          <TextInput
            label={t('segments.name')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            maxLength={200}
            data-autofocus
            data-testid="segment-name"
          />
          <Textarea
            label={t('segments.description')}
            description={t('segments.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            data-testid="segment-description"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="segment-save-confirm">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
