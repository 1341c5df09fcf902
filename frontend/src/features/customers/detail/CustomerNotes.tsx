import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { IconNote } from '@tabler/icons-react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { EmptyState } from '@/components/EmptyState';
import { ErrorView } from '@/components/ErrorView';
import { notifyError } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useAddNote, useCustomerNotes } from './activityQueries';

const NOTE_MAX = 2000;

const schema = z.object({ text: z.string().trim().min(1, { error: 'required' }).max(NOTE_MAX, { error: 'too_long' }) });
type NoteValues = z.infer<typeof schema>;

/** A box to add a note; Ctrl+Enter (⌘+Enter) saves it too. */
function NoteForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const add = useAddNote(customerId);
  const { control, register, handleSubmit, reset } = useForm<NoteValues>({ resolver: zodResolver(schema), defaultValues: { text: '' } });
  const text = useWatch({ control, name: 'text' });
  const submit = handleSubmit((v) => add.mutate(v.text, { onSuccess: () => reset({ text: '' }), onError: (e) => notifyError(e) }));
  return (
    <Paper withBorder p="sm" radius="md" component="form" onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('notes.add')}
          placeholder={t('notes.placeholder')}
          autosize
          minRows={2}
          maxLength={NOTE_MAX}
          data-testid="note-text"
          {...register('text')}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} disabled={!text.trim()} data-testid="note-save">
            {t('notes.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** What staff wrote about the customer, newest first, each with its author and time; a box to add one. */
export function CustomerNotes({ customerId, readOnly }: { customerId: string; readOnly?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const notes = useCustomerNotes(customerId);

  return (
    <Stack gap="sm" data-testid="customer-notes">
      {!readOnly && <NoteForm customerId={customerId} />}
      {notes.isError && <ErrorView error={notes.error} reset={() => void notes.refetch()} />}
      {!notes.data && !notes.isError && <Skeleton height={120} />}
      {notes.data?.items.length === 0 && <EmptyState icon={<IconNote />} title={t('notes.empty')} />}
      {notes.data?.items.map((n) => (
        <Paper key={n.id} withBorder p="sm" radius="md" data-testid="note">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {n.text}
          </Text>
          <Text size="xs" c="dimmed" mt={4} title={fmt.dateTime(n.created_at)}>
            {t('notes.by', { who: n.author_label, when: fmt.when(n.created_at) })}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
