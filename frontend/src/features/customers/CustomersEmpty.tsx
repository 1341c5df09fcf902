import { Button, Group } from '@mantine/core';
import { IconSearchOff, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ButtonLink } from '@/components/links';

export function CustomersEmpty({ query, filtered, onClear }: { query?: string; filtered: boolean; onClear: () => void }) {
  const { t } = useTranslation();
  if (query || filtered) {
    return (
      <EmptyState
        icon={<IconSearchOff />}
        title={t('customers.noMatchesTitle')}
        description={query ? t('customers.noMatches', { query }) : t('customers.noFilterMatches')}
        action={
          <Button variant="light" onClick={onClear}>
            {query ? t('table.clearSearch') : t('filter.clear')}
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={<IconUsers />}
      title={t('customers.emptyTitle')}
      description={t('customers.empty')}
      action={
        <Group>
          <ButtonLink to="/customers/new">{t('customers.add')}</ButtonLink>
          <ButtonLink to="/imports" variant="default">
            {t('customers.import')}
          </ButtonLink>
        </Group>
      }
    />
  );
}
