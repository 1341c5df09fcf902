import { Stack, Title } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';

/** A screen whose API has not landed yet. */
export function PlaceholderPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <EmptyState icon={<IconHourglass />} title={t('common.comingSoon')} description={t('common.comingSoonHint')} />
    </Stack>
  );
}
