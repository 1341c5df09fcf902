import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '@/components/links';
import { useCustomerFields } from '@/features/customers/queries';
import type { FilterNode } from '@/features/customers/filters/tree';
import { useFormatters } from '@/lib/useFormatters';
import { ImportCounts } from './ImportCounts';
import { ImportErrors } from './ImportErrors';
import type { Import } from './queries';

/** Validation or commit under way: the bar follows the rows the worker has done. */
export function ProgressStep({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { done, total, percent } = imp.progress;
  return (
    <Stack gap="xs" data-testid="import-progress">
      <Text fw={600}>{t(`imports.statuses.${imp.status}`)}</Text>
      <Progress value={percent} animated size="lg" aria-label={t(`imports.statuses.${imp.status}`)} />
      <Text size="sm" c="dimmed">
        {total > 0 ? `${fmt.number(done)} / ${fmt.number(total)} (${Math.round(percent)}%)` : `${Math.round(percent)}%`}
      </Text>
    </Stack>
  );
}

/** The list shows just this import's customers when the filter language knows `import_id`. */
function useImportFilter(importId: string): FilterNode | undefined {
  const fields = useCustomerFields();
  const field = fields.data?.find((f) => f.name === 'import_id');
  if (!field) return undefined;
  const op = field.operators.find((o) => o === 'eq' || o === '=') ?? field.operators[0] ?? 'eq';
  return { field: 'import_id', op, value: importId };
}

export function DoneStep({ imp, onNew }: { imp: Import; onNew: () => void }) {
  const { t } = useTranslation();
  const filter = useImportFilter(imp.id);
  if (imp.status !== 'completed') {
    return (
      <Stack>
        <Alert color={imp.status === 'failed' ? 'red' : 'gray'} title={t(`imports.statuses.${imp.status}`)}>
          {imp.error}
        </Alert>
        <Group>
          <Button onClick={onNew}>{t('imports.newImport')}</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap="md" data-testid="import-done">
      <Alert color="teal" icon={<IconCircleCheck />} title={t('imports.doneTitle')}>
        {imp.file_name}
      </Alert>
      <ImportCounts counts={imp.counts} keys={['created', 'updated', 'skipped', 'invalid']} />
      {/* The rows left out are still there to download and fix after the commit. */}
      {imp.counts.invalid > 0 && <ImportErrors importId={imp.id} />}
      <Group>
        <ButtonLink to="/customers" search={filter ? { filter } : { sort: '-created_at' }} data-testid="imported-customers">
          {t('imports.showCustomers')}
        </ButtonLink>
        <Button variant="default" onClick={onNew}>
          {t('imports.newImport')}
        </Button>
      </Group>
    </Stack>
  );
}
