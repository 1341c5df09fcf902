import { Group, Paper, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/useFormatters';

interface Props {
  label: string;
  value: string;
  previous: string;
  change: number | null | undefined;
  testId: string;
}

/** A figure for the period, and how it compares with the period before. */
export function TotalCard({ label, value, previous, change, testId }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const up = (change ?? 0) >= 0;
  const Arrow = up ? IconArrowUpRight : IconArrowDownRight;
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Group justify="space-between" align="flex-end" gap={4}>
        <Text fw={700} size="xl">
          {value}
        </Text>
        {change !== null && change !== undefined && (
          <Text c={up ? 'teal.9' : 'red.9'} size="sm" fw={600}>
            <Arrow size={14} style={{ verticalAlign: 'middle' }} />{' '}
            {/* A jump from near zero (+34 492,7 %) says nothing: it reads "new". */}
            {change > 1000 ? <span data-testid="change-new">{t('dashboard.jumpFromZero')}</span> : fmt.change(change)}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('dashboard.previous', { value: previous })}
      </Text>
    </Paper>
  );
}
