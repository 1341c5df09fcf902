import { Button, Checkbox, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/problem';
import { notifyError } from '@/lib/notify';
import { ALL_EVENTS, EVENT_GROUPS, type EventName, useCreateWebhook } from './queries';

/** A new endpoint: its address, what it listens to, a note; the secret comes back once. */
export function WebhookForm({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [all, setAll] = useState(false);
  const [events, setEvents] = useState<EventName[]>([]);
  const [urlError, setUrlError] = useState<string | null>(null);
  const data = (Object.keys(EVENT_GROUPS) as (keyof typeof EVENT_GROUPS)[]).map((group) => ({
    group: t(`settings.webhooks.groups.${group}`),
    items: [...EVENT_GROUPS[group]],
  }));
  const chosen = all ? [ALL_EVENTS] : events;

  const submit = () =>
    create.mutate(
      { url: url.trim(), events: chosen, description: description.trim() || null, active: true },
      {
        onSuccess: (w) => {
          setUrl('');
          setDescription('');
          setEvents([]);
          setAll(false);
          onCreated(w.secret);
        },
        onError: (e) => {
          const field = e instanceof ApiError ? e.problem.errors?.find((x) => x.loc.includes('url')) : undefined;
          if (field) setUrlError(t('settings.webhooks.urlRefused'));
          else notifyError(e);
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.webhooks.add')} size="lg">
      <Stack>
        <TextInput
          label={t('settings.webhooks.url')}
          placeholder="https://shop.example.com/hooks/kartoteka"
          value={url}
          error={urlError}
          onChange={(e) => {
            setUrl(e.currentTarget.value);
            setUrlError(null);
          }}
          data-testid="webhook-url"
        />
        <TextInput label={t('settings.webhooks.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Checkbox label={t('settings.webhooks.allEvents')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} data-testid="webhook-all-events" />
        {!all && (
          <MultiSelect
            label={t('settings.webhooks.events')}
            data={data}
            value={events}
            onChange={(picked) => setEvents(picked as EventName[])}
            searchable
            data-testid="webhook-events"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!url.trim() || chosen.length === 0} loading={create.isPending} data-testid="create-webhook">
            {t('settings.webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
