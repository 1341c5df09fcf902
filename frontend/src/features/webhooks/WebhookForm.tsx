import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError } from '@/api/problem';
import { notifyError } from '@/lib/notify';
import { ALL_EVENTS, EVENT_GROUPS, type EventName, useCreateWebhook } from './queries';

const schema = z
  .object({
    url: z.string().trim().min(1, { error: 'required' }),
    description: z.string().trim().max(500, { error: 'too_long' }),
    all: z.boolean(),
    events: z.array(z.custom<EventName>((v) => typeof v === 'string')),
  })
  .refine((v) => v.all || v.events.length > 0, { path: ['events'], error: 'required' });
type WebhookValues = z.infer<typeof schema>;

const EMPTY: WebhookValues = { url: '', description: '', all: false, events: [] };

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (secret: string) => void;
}

/** A new endpoint: its address, what it listens to, a note; the secret comes back once. */
export function WebhookForm({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.webhooks.add')} size="lg">
      {/* Inside the modal, which unmounts it on close: each endpoint starts empty. */}
      <WebhookFields onClose={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function WebhookFields({ onClose, onCreated }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const { control, register, handleSubmit, setError, reset, formState } = useForm<WebhookValues>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
  });
  const [url, all, events] = useWatch({ control, name: ['url', 'all', 'events'] });
  const data = (Object.keys(EVENT_GROUPS) as (keyof typeof EVENT_GROUPS)[]).map((group) => ({
    group: t(`settings.webhooks.groups.${group}`),
    items: [...EVENT_GROUPS[group]],
  }));

  const submit = handleSubmit((v) =>
    create.mutate(
      { url: v.url, events: v.all ? [ALL_EVENTS] : v.events, description: v.description || null, active: true },
      {
        onSuccess: (w) => {
          reset(EMPTY);
          onCreated(w.secret);
        },
        onError: (e) => {
          const field = e instanceof ApiError ? e.problem.errors?.find((x) => x.loc.includes('url')) : undefined;
          if (field) setError('url', { type: 'server', message: t('settings.webhooks.urlRefused') });
          else notifyError(e);
        },
      },
    ),
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <TextInput
          label={t('settings.webhooks.url')}
          placeholder="https://shop.example.com/hooks/kartoteka"
          error={formState.errors.url?.type === 'server' ? formState.errors.url.message : undefined}
          data-testid="webhook-url"
          {...register('url')}
        />
        <TextInput label={t('settings.webhooks.description')} {...register('description')} />
        <Checkbox label={t('settings.webhooks.allEvents')} data-testid="webhook-all-events" {...register('all')} />
        {!all && (
          <Controller
            control={control}
            name="events"
            render={({ field }) => (
              <MultiSelect
                label={t('settings.webhooks.events')}
                data={data}
                value={field.value}
                onChange={(picked) => field.onChange(picked)}
                onBlur={field.onBlur}
                searchable
                data-testid="webhook-events"
              />
            )}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!url.trim() || (!all && events.length === 0)} loading={create.isPending} data-testid="create-webhook">
            {t('settings.webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
