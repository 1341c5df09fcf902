import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/problem';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useCreateSegment, type Segment, type SegmentIn } from './queries';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The view to save: filter, quick search, sort and the shown columns. */
  view: Omit<SegmentIn, 'name'>;
  onSaved: (segment: Segment) => void;
}

export function SaveSegmentModal({ opened, onClose, view, onSaved }: Props) {
  const { t } = useTranslation();
  const create = useCreateSegment();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    if (!name.trim()) {
      setError(t('validation.required'));
      return;
    }
    create.mutate(
      { ...view, name: name.trim() },
      {
        onSuccess: (segment) => {
          notifySuccess(t('segments.saved', { name: segment.name }));
          setName('');
          onSaved(segment);
          onClose();
        },
        onError: (e) => {
          const field = e instanceof ApiError ? e.fieldErrors.find((fe) => fe.loc.includes('name')) : undefined;
          if (field) setError(field.message);
          else notifyError(e);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('segments.saveTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('segments.saveHint')}
          </Text>
          <TextInput
            label={t('segments.name')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
            data-testid="segment-name"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="segment-save-confirm">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
