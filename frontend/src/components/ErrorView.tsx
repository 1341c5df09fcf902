import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/problem';
import { problemText } from '@/i18n/codes';

export function ErrorView({ error, reset }: { error: unknown; reset?: () => void }) {
  const { t } = useTranslation();
  const title = error instanceof ApiError && error.status === 404 ? t('errors.notFound') : t('errors.generic');
  return (
    <Stack maw={560} mx="auto" mt="xl">
      <Alert color="red" icon={<IconAlertTriangle />} title={title} role="alert">
        {problemText(t, error)}
      </Alert>
      {reset && (
        <Button variant="light" onClick={reset} w="fit-content">
          {t('common.retry')}
        </Button>
      )}
    </Stack>
  );
}
