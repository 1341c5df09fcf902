import { Button, Group, Paper, ScrollArea, Stack, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { useCustomFields } from '@/features/custom-fields/queries';
import { notifyError } from '@/lib/notify';
import { ImportCounts } from './ImportCounts';
import { ImportErrors } from './ImportErrors';
import { useImportAction, useSetMapping, type Import } from './queries';
import { sampleCell, sampleHeader, sampleKeys } from './sampleColumns';

type SampleRow = Record<string, unknown>;
const NO_ROWS: SampleRow[] = [];

/** What the commit would do: counts, a few mapped records, every row that fails. */
export function PreviewStep({ imp, onCancel }: { imp: Import; onCancel: () => void }) {
  const { t } = useTranslation();
  const action = useImportAction();
  const setMapping = useSetMapping();
  const customFields = useCustomFields().data;
  const sample = imp.sample ?? NO_ROWS;
  const columns = useMemo(
    (): ColumnDef<SampleRow>[] =>
      sampleKeys(sample).map((k) => ({
        id: k,
        header: () => <span style={{ whiteSpace: 'nowrap' }}>{sampleHeader(t, k)}</span>,
        cell: ({ row }) => sampleCell(t, k, row.original[k], customFields ?? []),
      })),
    [sample, t, customFields],
  );
  const table = useSimpleTable(sample, columns);
  const backToMapping = () => imp.mapping && setMapping.mutate({ id: imp.id, mapping: imp.mapping }, { onError: (e) => notifyError(e) });

  return (
    <Stack gap="md" data-testid="import-preview">
      <ImportCounts counts={imp.counts} keys={['rows', 'valid', 'invalid', 'to_create', 'to_update', 'to_skip']} />
      {sample.length > 0 && (
        <Paper withBorder radius="md" p="sm">
          <Title order={4} mb="xs">
            {t('imports.sample')}
          </Title>
          <ScrollArea>
            <DataTable table={table} variant="simple" striped verticalSpacing={4} label={t('imports.sample')} data-testid="import-sample" />
          </ScrollArea>
        </Paper>
      )}
      <ImportErrors importId={imp.id} />
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('imports.cancelImport')}
          </Button>
          <Button variant="subtle" onClick={backToMapping} loading={setMapping.isPending}>
            {t('imports.backToMapping')}
          </Button>
        </Group>
        <Button
          onClick={() => action.mutate({ id: imp.id, action: 'commit' }, { onError: (e) => notifyError(e) })}
          loading={action.isPending}
          disabled={imp.counts.valid === 0}
          data-testid="commit-import"
        >
          {t('imports.commit', { count: imp.counts.to_create + imp.counts.to_update })}
        </Button>
      </Group>
    </Stack>
  );
}
