import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '@/lib/phone';
import type { ContactMatch } from './queries';

interface Props {
  matches: ContactMatch[];
  onMerge: (match: ContactMatch) => void;
  onSaveAnyway: () => void;
  saving?: boolean;
}

/** "This number belongs to Zofia Dąbrowska-Łęcka — open / merge / save anyway", as the user types. */
export function DuplicateWarning({ matches, onMerge, onSaveAnyway, saving }: Props) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} title={t('duplicates.title')} data-testid="duplicate-warning">
      <Stack gap="xs">
        {matches.map((m) => (
          <Group key={m.customer_id} justify="space-between" gap="xs" data-testid="duplicate-match">
            <Text size="sm">
              {t(m.matched_on.includes('phone') ? 'duplicates.phoneBelongs' : 'duplicates.emailBelongs', {
                value: m.matched_on.includes('phone') ? formatPhone(m.phone ?? '') : m.email,
                name: m.display_name,
              })}
            </Text>
            <Group gap="xs">
              <Anchor href={`/customers/${m.customer_id}`} target="_blank" size="sm">
                {t('duplicates.open')}
              </Anchor>
              <Button size="xs" variant="default" onClick={() => onMerge(m)} data-testid="duplicate-merge">
                {t('duplicates.merge')}
              </Button>
            </Group>
          </Group>
        ))}
        <Group justify="flex-end">
          <Button size="xs" variant="light" color="orange" onClick={onSaveAnyway} loading={saving} data-testid="save-anyway">
            {t('duplicates.saveAnyway')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
