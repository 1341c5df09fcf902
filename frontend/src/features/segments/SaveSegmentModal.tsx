import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
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

const schema = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
  description: z.string().trim().max(2000, { error: 'too_long' }),
});
type SegmentValues = z.infer<typeof schema>;

/** Save the view as a new segment, or rename and describe a saved one. */
export function SaveSegmentModal({ opened, onClose, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={rest.segment ? t('segments.editTitle') : t('segments.saveTitle')} centered>
      {/* Inside the modal, which unmounts it on close: each opening starts from the segment
          being edited, or empty for a new one. */}
      <SegmentForm onClose={onClose} {...rest} />
    </Modal>
  );
}

function SegmentForm({ onClose, view, segment, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const create = useCreateSegment();
  const update = useUpdateSegment();
  const { register, handleSubmit, setError, formState } = useForm<SegmentValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: segment?.name ?? '', description: segment?.description ?? '' },
  });
  const nameError = formState.errors.name;

  const done = (saved: Segment) => {
    notifySuccess(t('segments.saved', { name: saved.name }));
    onSaved(saved);
    onClose();
  };
  const failed = (e: Error) => {
    const field = e instanceof ApiError ? e.fieldErrors.find((fe) => fe.loc.includes('name')) : undefined;
    if (field) setError('name', { type: 'server', message: field.message });
    else if (e instanceof ApiError && e.status === 409) setError('name', { type: 'server', message: t('segments.nameTaken') });
    else notifyError(e);
  };

  const submit = handleSubmit((v) => {
    const text = { name: v.name, description: v.description || null };
    if (segment) update.mutate({ id: segment.id, patch: text }, { onSuccess: done, onError: failed });
    else create.mutate({ ...view, ...text }, { onSuccess: done, onError: failed });
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {!segment && (
          <Text size="sm" c="dimmed">
            {t('segments.saveHint')}
          </Text>
        )}
        <TextInput
          label={t('segments.name')}
          error={nameError && (nameError.type === 'server' ? nameError.message : t(`validation.${nameError.message}` as 'validation.invalid'))}
          maxLength={200}
          data-autofocus
          data-testid="segment-name"
          {...register('name')}
        />
        <Textarea
          label={t('segments.description')}
          description={t('segments.descriptionHint')}
          autosize
          minRows={2}
          maxLength={2000}
          data-testid="segment-description"
          {...register('description')}
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
  );
}
