import { Alert, Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { notifyError } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { SCOPES, useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKey } from './queries';

/** Keys for tills and integrations; the secret is shown once, right after it is made. */
export function ApiKeysSettings() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['customers:read']);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const add = () =>
    create.mutate(
      { name: name.trim(), scopes },
      {
        onSuccess: (k) => {
          setSecret(k.key);
          setName('');
        },
        onError: (e) => notifyError(e),
      },
    );

  return (
    <Stack gap="sm" data-testid="settings-api-keys">
      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end">
          <TextInput label={t('settings.apiKeys.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="api-key-name" />
          <MultiSelect label={t('settings.apiKeys.scopes')} data={[...SCOPES]} value={scopes} onChange={setScopes} w={360} />
          <Button leftSection={<IconKey size={16} />} onClick={add} disabled={!name.trim() || scopes.length === 0} loading={create.isPending} data-testid="create-api-key">
            {t('settings.apiKeys.create')}
          </Button>
        </Group>
      </Paper>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.apiKeys.name')}</Table.Th>
            <Table.Th>{t('settings.apiKeys.prefix')}</Table.Th>
            <Table.Th>{t('settings.apiKeys.scopes')}</Table.Th>
            <Table.Th>{t('settings.apiKeys.lastUsed')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.data?.map((k) => (
            <Table.Tr key={k.id} data-testid="api-key-row">
              <Table.Td>
                <Text size="sm">{k.name}</Text>
                <Text size="xs" c="dimmed">
                  {k.created_by} · {fmt.date(k.created_at)}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{k.prefix}…</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {k.scopes.map((s) => (
                    <Badge key={s} size="xs" variant="outline">
                      {s}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{fmt.dateTime(k.last_used_at)}</Table.Td>
              <Table.Td>
                {k.revoked_at ? (
                  <Badge color="gray">{t('settings.apiKeys.revoked')}</Badge>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)} data-testid="revoke-api-key">
                    {t('settings.apiKeys.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
