import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MergeResult } from '@/api/types';
import { TagChips } from '@/components/TagChips';
import { useTagColours } from '@/features/tags/queries';
import { formatPhone } from '@/lib/phone';
import { useFormatters } from '@/lib/useFormatters';
import { customerName } from '../queries';

/** The customer as the merge would leave them, and what moves over. */
export function MergePreview({ result, loading }: { result: MergeResult | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const colours = useTagColours();
  if (!result) return <Skeleton height={120} />;
  const c = result.customer;
  const moves = Object.entries(result.moved).filter(([, n]) => n > 0);
  const item = (label: string, value: string | null | undefined) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </Stack>
  );

  return (
    <Paper withBorder radius="md" p="sm" style={{ opacity: loading ? 0.6 : 1 }} data-testid="merge-preview">
      <Text size="sm" fw={600} mb="xs">
        {t('merge.preview')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {item(t('customer.fields.name'), customerName(c))}
        {item(t('customer.fields.email'), c.email)}
        {item(t('customer.fields.phone'), formatPhone(c.phone))}
        {item(t('customer.fields.city'), c.city)}
        {item(t('customer.fields.total_spent'), fmt.money(c.total_spent))}
        {item(t('customer.fields.visits'), fmt.number(c.visits))}
        {item(t('customer.fields.vouchers_assigned'), fmt.number(c.vouchers_assigned))}
        {item(t('customer.fields.transactions_count'), fmt.number(c.transactions_count))}
      </SimpleGrid>
      {(c.tags ?? []).length > 0 && (
        <Group mt="xs">
          <TagChips tags={c.tags ?? []} colours={colours} max={12} />
        </Group>
      )}
      <Group gap={6} mt="sm">
        <Text size="xs" c="dimmed">
          {moves.length > 0 ? t('merge.moves') : t('merge.nothingMoves')}
        </Text>
        {moves.map(([kind, n]) => (
          <Badge key={kind} variant="light" size="sm" data-testid={`merge-moves-${kind}`}>
            {t(`merge.moved.${kind}` as 'merge.moved.cards', { defaultValue: kind.replace(/_/g, ' ') })}: {fmt.number(n)}
          </Badge>
        ))}
      </Group>
    </Paper>
  );
}
