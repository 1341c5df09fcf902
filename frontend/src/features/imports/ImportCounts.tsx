import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/useFormatters';
import type { Import } from './queries';

type CountKey = keyof Import['counts'];

export function ImportCounts({ counts, keys }: { counts: Import['counts']; keys: CountKey[] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <SimpleGrid cols={{ base: 2, sm: keys.length }} spacing="sm">
      {keys.map((k) => (
        <Paper key={k} withBorder p="sm" radius="md" data-testid={`count-${k}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`imports.counts.${k}`)}
          </Text>
          <Text fw={700} size="xl" c={k === 'invalid' && counts[k] > 0 ? 'red' : undefined}>
            {fmt.number(counts[k])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
