import { Center, Stack, Text, Title } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from './links';

/** What an address the app does not know shows: our own page, with the way back. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const path = useRouterState({ select: (s) => s.location.pathname });
  return (
    <Center mih="70vh" component="main" p="md">
      <Stack align="center" gap="sm" maw={480} ta="center" data-testid="not-found">
        <IconMapOff size={48} stroke={1.4} aria-hidden />
        <Title order={1} size="h2">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.message', { path })}</Text>
        <ButtonLink to="/customers" mt="sm">
          {t('notFound.home')}
        </ButtonLink>
      </Stack>
    </Center>
  );
}
