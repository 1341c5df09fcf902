import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A signing secret right after it was made or rotated: the only time it is shown. */
export function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={t('settings.webhooks.secretTitle')}>
      <Stack>
        <Alert color="yellow">{t('settings.webhooks.secretOnce')}</Alert>
        <Code block data-testid="webhook-secret">
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} data-testid="copy-webhook-secret">
                {copied ? t('settings.apiKeys.copied') : t('settings.apiKeys.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('settings.apiKeys.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
