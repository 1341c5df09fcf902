import { Button, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { customerName } from '@/features/customers/queries';
import classes from './Desk.module.css';
import { useQuickFind } from './queries';

interface Props {
  /** What picking a match does: open the 360 page, or choose the till's customer. */
  onPick: (customer: Customer) => void;
  onAdd: (term: string) => void;
  label: string;
  testId: string;
  autoFocus?: boolean;
}

/** Type a name, phone, email or card: the matches as you type, and "add" when none is the one. */
export function CustomerFinder({ onPick, onAdd, label, testId, autoFocus }: Props) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const [debounced] = useDebouncedValue(term, 250);
  const found = useQuickFind(debounced);
  const items = debounced.trim().length >= 2 ? (found.data?.items ?? []) : [];
  const searched = debounced.trim().length >= 2 && found.data !== undefined && !found.isPlaceholderData;

  return (
    <Stack gap="xs">
      <TextInput
        label={label}
        placeholder={t('desk.findPlaceholder')}
        value={term}
        onChange={(e) => setTerm(e.currentTarget.value)}
        leftSection={<IconSearch size={16} />}
        rightSection={found.isFetching ? <Loader size="xs" /> : null}
        data-testid={testId}
        autoFocus={autoFocus}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && items[0]) onPick(items[0]);
        }}
      />
      {items.length > 0 && (
        <Stack gap={2} role="list" aria-label={t('desk.matches')}>
          {items.map((c) => (
            <UnstyledButton key={c.id} role="listitem" className={classes.match} onClick={() => onPick(c)} data-testid="finder-match">
              <Text size="sm" fw={500}>
                {customerName(c)}
              </Text>
              <Text size="xs" c="dimmed">
                {[c.phone, c.email].filter(Boolean).join(' · ') || '—'}
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {searched && items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="finder-none">
          {t('desk.noMatch', { term: debounced.trim() })}
        </Text>
      )}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => onAdd(term.trim())} data-testid={`${testId}-add`}>
          {t('desk.addCustomer')}
        </Button>
      </Group>
    </Stack>
  );
}
