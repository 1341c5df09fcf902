import { Alert, Badge, Button, Collapse, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconPlus, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { Deliveries } from './Deliveries';
import { ALL_EVENTS, useDeleteWebhook, usePing, useRotateSecret, useUpdateWebhook, useWebhooks, type Webhook } from './queries';
import { SecretModal } from './SecretModal';
import { WebhookForm } from './WebhookForm';

function WebhookCard({ w, onSecret }: { w: Webhook; onSecret: (secret: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const update = useUpdateWebhook();
  const ping = usePing();
  const rotate = useRotateSecret();
  const remove = useDeleteWebhook();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<'rotate' | 'delete' | null>(null);
  const events = w.events.includes(ALL_EVENTS) ? [t('settings.webhooks.allEventsShort')] : w.events;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="webhook-row">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text ff="monospace" size="sm" data-testid="webhook-row-url">
            {w.url}
          </Text>
          {w.description && <Text size="sm">{w.description}</Text>}
          <Group gap={4}>
            {events.map((e) => (
              <Badge key={e} size="xs" variant="outline">
                {e}
              </Badge>
            ))}
          </Group>
          {w.previous_secret_expires_at && (
            <Text size="xs" c="dimmed">
              {t('settings.webhooks.graceUntil', { when: fmt.dateTime(w.previous_secret_expires_at) })}
            </Text>
          )}
        </Stack>
        <Switch
          label={w.active ? t('settings.webhooks.active') : t('settings.webhooks.inactive')}
          checked={w.active}
          onChange={(e) => update.mutate({ id: w.id, active: e.currentTarget.checked }, { onError: (err) => notifyError(err) })}
          data-testid="webhook-active"
        />
      </Group>
      {w.disabled_reason && (
        <Alert color="red" mt="xs" p="xs">
          {t('settings.webhooks.disabled', { reason: w.disabled_reason })}
        </Alert>
      )}
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="light" onClick={() => setOpen((o) => !o)} data-testid="webhook-deliveries-toggle">
          {t('settings.webhooks.deliveries')}
        </Button>
        <Button
          size="xs"
          variant="light"
          loading={ping.isPending}
          onClick={() => ping.mutate(w.id, { onSuccess: () => { setOpen(true); notifySuccess(t('settings.webhooks.pinged')); }, onError: (e) => notifyError(e) })}
          data-testid="webhook-ping"
        >
          {t('settings.webhooks.ping')}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setConfirm('rotate')} data-testid="webhook-rotate">
          {t('settings.webhooks.rotate')}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => setConfirm('delete')} data-testid="webhook-delete">
          {t('settings.webhooks.delete')}
        </Button>
      </Group>
      <Collapse in={open}>{open && <Deliveries webhookId={w.id} />}</Collapse>
      <ConfirmModal
        opened={confirm !== null}
        title={confirm === 'rotate' ? t('settings.webhooks.rotateTitle') : t('settings.webhooks.deleteTitle')}
        message={confirm === 'rotate' ? t('settings.webhooks.rotateMessage') : t('settings.webhooks.deleteMessage', { url: w.url })}
        confirmLabel={confirm === 'rotate' ? t('settings.webhooks.rotate') : t('settings.webhooks.delete')}
        onClose={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm === 'rotate') rotate.mutate(w.id, { onSuccess: (r) => onSecret(r.secret), onError: (e) => notifyError(e) });
          else remove.mutate(w.id, { onError: (e) => notifyError(e) });
          setConfirm(null);
        }}
      />
    </Paper>
  );
}

/** Where Kartoteka tells other systems what changed: endpoints, their deliveries, their secrets. */
export function WebhooksSettings() {
  const { t } = useTranslation();
  const hooks = useWebhooks();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Stack gap="sm" data-testid="settings-webhooks">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('settings.webhooks.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="add-webhook">
          {t('settings.webhooks.add')}
        </Button>
      </Group>
      {hooks.data?.items.length === 0 && <EmptyState icon={<IconWebhook />} title={t('settings.webhooks.none')} />}
      {hooks.data?.items.map((w) => <WebhookCard key={w.id} w={w} onSecret={setSecret} />)}
      <WebhookForm
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(s) => {
          setAdding(false);
          setSecret(s);
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
