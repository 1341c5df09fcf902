import { Anchor, Badge, Button, Group, Pagination, Paper, Text, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import type { Formatters } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useFormatters } from '@/lib/useFormatters';
import { errorsCsvUrl, useImportAction, useImports, type Import } from './queries';

const COLOURS: Record<Import['status'], string> = {
  uploaded: 'gray',
  validating: 'blue',
  validated: 'blue',
  committing: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'gray',
  reverting: 'orange',
  reverted: 'grape',
};

/** Above this many customers touched, a revert asks for the number typed out. */
const LARGE_REVERT = 100;
const ROW = () => ({ 'data-testid': 'import-history-row' });

function historyColumns(t: TFunction, fmt: Formatters, open: (id: string) => void, revert: (imp: Import) => void): ColumnDef<Import>[] {
  return [
    {
      id: 'file',
      header: t('imports.file'),
      cell: ({ row: { original: imp } }) => (
        <>
          <Anchor component="button" onClick={() => open(imp.id)}>
            {imp.file_name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {imp.created_by}
          </Text>
        </>
      ),
    },
    { id: 'when', header: t('imports.when'), cell: ({ row }) => fmt.dateTime(row.original.created_at) },
    {
      id: 'status',
      header: t('imports.status'),
      cell: ({ row: { original: imp } }) => (
        // The colour in a dot, the word in dark text: light badges' coloured text fails contrast.
        <Badge color={COLOURS[imp.status]} variant="dot" c="dark.7" data-testid="import-status">
          {t(`imports.statuses.${imp.status}`)}
        </Badge>
      ),
    },
    { id: 'created', header: t('imports.counts.created'), cell: ({ row }) => fmt.number(row.original.counts.created) },
    { id: 'updated', header: t('imports.counts.updated'), cell: ({ row }) => fmt.number(row.original.counts.updated) },
    {
      id: 'invalid',
      header: t('imports.counts.invalid'),
      cell: ({ row: { original: imp } }) =>
        imp.counts.invalid > 0 ? (
          // The rejected rows stay downloadable after the commit: fix them and import again.
          <Anchor href={errorsCsvUrl(imp.id)} download size="sm" data-testid="history-download-errors" title={t('imports.errorFile')}>
            {fmt.number(imp.counts.invalid)}
          </Anchor>
        ) : (
          fmt.number(imp.counts.invalid)
        ),
    },
    {
      id: 'actions',
      header: '',
      cell: ({ row: { original: imp } }) =>
        // A revert given up (its worker lost again and again) is finished by reverting again.
        (imp.status === 'completed' || (imp.status === 'failed' && imp.progress.given_up === 'revert')) && (
          <Button size="xs" variant="default" onClick={() => revert(imp)} data-testid="revert-import">
            {t('imports.revert')}
          </Button>
        ),
    },
  ];
}

/** Earlier imports; a completed one can be undone (and a given-up undo finished). */
export function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const list = useImports(page);
  const action = useImportAction();
  const [reverting, setReverting] = useState<Import | null>(null);
  const total = list.data?.total ?? 0;
  const columns = useMemo(() => historyColumns(t, fmt, onOpen, setReverting), [t, fmt, onOpen]);
  const table = useSimpleTable(list.data?.items, columns, (imp) => imp.id);
  if (total === 0) return null;

  return (
    <Paper withBorder radius="md" p="sm" data-testid="import-history">
      <Title order={3} size="h4" mb="xs">
        {t('imports.history')}
      </Title>
      <DataTable table={table} variant="simple" verticalSpacing={6} label={t('imports.history')} rowProps={ROW} />
      {total > 10 && (
        <Group justify="flex-end" mt="xs">
          <Pagination size="sm" total={Math.ceil(total / 10)} value={page} onChange={setPage} />
        </Group>
      )}
      <ConfirmModal
        opened={reverting !== null}
        title={t('imports.revertTitle')}
        message={t('imports.revertMessage', {
          file: reverting?.file_name ?? '',
          created: fmt.number(reverting?.counts.created ?? 0),
          updated: fmt.number(reverting?.counts.updated ?? 0),
        })}
        confirmLabel={t('imports.revert')}
        // A large undo is typed out: the number of customers it touches.
        typeToConfirm={reverting && reverting.counts.created + reverting.counts.updated > LARGE_REVERT ? String(reverting.counts.created + reverting.counts.updated) : undefined}
        onClose={() => setReverting(null)}
        onConfirm={() => {
          if (reverting)
            action.mutate(
              { id: reverting.id, action: 'revert' },
              { onSuccess: () => notifySuccess(t('imports.reverted')), onError: (e) => notifyError(e) },
            );
          setReverting(null);
        }}
      />
    </Paper>
  );
}
