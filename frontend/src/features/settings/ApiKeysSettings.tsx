import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import type { Formatters } from '@/lib/format';
import { notifyError } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { ApiKeyForm } from './ApiKeyForm';
import { useApiKeys, useRevokeApiKey, type ApiKey } from './queries';

const ROW = () => ({ 'data-testid': 'api-key-row' });

function apiKeyColumns(t: TFunction, fmt: Formatters, revoke: (key: ApiKey) => void): ColumnDef<ApiKey>[] {
  return [
    {
      id: 'name',
      header: t('settings.apiKeys.name'),
      cell: ({ row: { original: k } }) => (
        <>
          <Text size="sm">{k.name}</Text>
          <Text size="xs" c="dimmed">
            {k.created_by} · {fmt.date(k.created_at)}
          </Text>
        </>
      ),
    },
    { id: 'prefix', header: t('settings.apiKeys.prefix'), cell: ({ row }) => <Text span inherit ff="monospace">{row.original.prefix}…</Text> },
    {
      id: 'scopes',
      header: t('settings.apiKeys.scopes'),
      cell: ({ row }) => (
        <Group gap={4}>
          {row.original.scopes.map((s) => (
            <Badge key={s} size="xs" variant="outline">
              {s}
            </Badge>
          ))}
        </Group>
      ),
    },
    { id: 'lastUsed', header: t('settings.apiKeys.lastUsed'), cell: ({ row }) => fmt.dateTime(row.original.last_used_at) },
    {
      id: 'actions',
      header: '',
      cell: ({ row: { original: k } }) =>
        k.revoked_at ? (
          <Badge color="gray">{t('settings.apiKeys.revoked')}</Badge>
        ) : (
          <Button size="xs" variant="subtle" color="red" onClick={() => revoke(k)} data-testid="revoke-api-key">
            {t('settings.apiKeys.revoke')}
          </Button>
        ),
    },
  ];
}

/** Keys for tills and integrations; the secret is shown once, right after it is made. */
export function ApiKeysSettings() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const columns = useMemo(() => apiKeyColumns(t, fmt, setRevoking), [t, fmt]);
  const table = useSimpleTable(keys.data, columns, (k) => k.id);

  return (
    <Stack gap="sm" data-testid="settings-api-keys">
      <ApiKeyForm onCreated={setSecret} />
      <DataTable table={table} variant="simple" verticalSpacing={6} loading={keys.isPending} skeletonRows={3} label={t('settings.tabs.apiKeys')} rowProps={ROW} />
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title={t('settings.apiKeys.createdTitle')}>
        <Stack>
          <Alert color="yellow">{t('settings.apiKeys.showOnce')}</Alert>
          <Code block data-testid="api-key-secret">
            {secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret ?? ''}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('settings.apiKeys.copied') : t('settings.apiKeys.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{t('settings.apiKeys.done')}</Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmModal
        opened={revoking !== null}
        title={t('settings.apiKeys.revokeTitle')}
        message={t('settings.apiKeys.revokeMessage', { name: revoking?.name ?? '' })}
        confirmLabel={t('settings.apiKeys.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onError: (e) => notifyError(e) });
          setRevoking(null);
        }}
      />
    </Stack>
  );
}
