import { Button, Group, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { IconNote } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ErrorView } from '@/components/ErrorView';
import { notifyError } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { useAddNote, useCustomerNotes } from './activityQueries';

const NOTE_MAX = 2000;

/** What staff wrote about the customer, newest first, each with its author and time; a box to add one. */
export function CustomerNotes({ customerId, readOnly }: { customerId: string; readOnly?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const notes = useCustomerNotes(customerId);
  const add = useAddNote(customerId);
  const [text, setText] = useState('');

  const submit = () => {
    const value = text.trim();
    if (!value) return;
    add.mutate(value, { onSuccess: () => setText(''), onError: (e) => notifyError(e) });
  };

  return (
    <Stack gap="sm" data-testid="customer-notes">
      {!readOnly && (
        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Textarea
              label={t('notes.add')}
              placeholder={t('notes.placeholder')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={NOTE_MAX}
              data-testid="note-text"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
              }}
            />
            <Group justify="flex-end">
              <Button onClick={submit} loading={add.isPending} disabled={!text.trim()} data-testid="note-save">
                {t('notes.save')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
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
