import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorView } from '@/components/ErrorView';
import { useFormatters } from '@/lib/useFormatters';
import { CustomerFinder } from './CustomerFinder';
import { Birthdays, ExpiringVouchers, Lapsed, LastServed } from './DeskLists';
import { useDeskToday } from './queries';
import { SaleModal } from './SaleModal';

/** The screen a receptionist starts the day with: who to greet, what expires, who to call back, the till. */
export function DeskPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const [lapsedDays, setLapsedDays] = useState(90);
  const [selling, setSelling] = useState(false);
  const today = useDeskToday(lapsedDays);

  return (
    <Stack gap="md" data-testid="desk">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2}>{t('desk.title')}</Title>
          {today.data && (
            <Text size="sm" c="dimmed">
              {fmt.date(today.data.date)}
            </Text>
          )}
        </Stack>
        <Button size="md" leftSection={<IconCash size={18} />} onClick={() => setSelling(true)} data-testid="new-sale">
          {t('desk.newSale')}
        </Button>
      </Group>
      <Paper withBorder radius="md" p="md" component="section" aria-label={t('desk.findOrAdd')}>
        <CustomerFinder
          label={t('desk.findOrAdd')}
          testId="desk-find"
          autoFocus
          onPick={(c) => void navigate({ to: '/customers/$customerId', params: { customerId: c.id } })}
          onAdd={(term) => void navigate({ to: '/customers/new', search: term ? { prefill: term } : {} })}
        />
      </Paper>
      {today.isError && !today.data && <ErrorView error={today.error} reset={() => void today.refetch()} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Birthdays data={today.data} />
        <ExpiringVouchers data={today.data} />
        <Lapsed data={today.data} days={lapsedDays} onDays={setLapsedDays} />
        <LastServed data={today.data} />
      </SimpleGrid>
      <SaleModal opened={selling} onClose={() => setSelling(false)} />
    </Stack>
  );
}
