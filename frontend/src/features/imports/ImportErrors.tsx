import { Anchor, Badge, Chip, Group, Pagination, Paper, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { importErrorLabel } from '@/i18n/codes';
import { errorsCsvUrl, useImportErrorGroups, useImportErrors, type ErrorGroupKey, type ImportError } from './queries';

const PAGE_SIZE = 20;

const groupId = (g: ErrorGroupKey) => `${g.code}\u0000${g.column ?? ''}`;
const ROW = () => ({ 'data-testid': 'import-error-row' });

function errorColumns(t: TFunction): ColumnDef<ImportError>[] {
  return [
    { id: 'row', header: t('imports.row'), size: 70, cell: ({ row }) => row.original.row },
    { id: 'column', header: t('imports.column'), cell: ({ row }) => row.original.column ?? '—' },
    { id: 'message', header: t('imports.message'), cell: ({ row: { original: e } }) => importErrorLabel(t, e.code, { value: e.value, column: e.column }) },
    {
      id: 'value',
      header: t('imports.value'),
      cell: ({ row }) => (
        <Text size="sm" ff="monospace">
          {row.original.value ?? ''}
        </Text>
      ),
    },
  ];
}

/**
 * The rows that will not be imported: first the kinds of problem with their counts (20,000 bad
 * rows are a handful of kinds), then which row, which column, why, and the value as written.
 */
export function ImportErrors({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [group, setGroup] = useState<ErrorGroupKey | null>(null);
  const groups = useImportErrorGroups(importId);
  const errors = useImportErrors(importId, page, PAGE_SIZE, group);
  const all = groups.data?.reduce((n, g) => n + g.count, 0) ?? errors.data?.total ?? 0;
  const total = errors.data?.total ?? 0;
  const columns = useMemo(() => errorColumns(t), [t]);
  // Rows have no id of their own: a row may fail in several columns, or twice in one.
  const table = useSimpleTable(errors.data?.items, columns, (e, i) => `${e.row}-${e.column ?? ''}-${i}`);
  if (all === 0) return null;
  const choose = (value: string) => {
    setGroup(groups.data?.find((g) => groupId(g) === value) ?? null);
    setPage(1);
  };
  return (
    <Paper withBorder radius="md" p="sm" data-testid="import-errors">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('imports.errorsTitle', { count: all })}</Title>
        <Anchor href={errorsCsvUrl(importId)} download data-testid="download-errors" size="sm">
          <Group gap={4}>
            <IconDownload size={16} />
            {t('imports.downloadErrors')}
          </Group>
        </Anchor>
      </Group>
      {(groups.data?.length ?? 0) > 1 && (
        <Chip.Group multiple={false} value={group ? groupId(group) : 'all'} onChange={(v) => choose(v)}>
          <Group gap={6} mb="xs" data-testid="import-error-groups" aria-label={t('imports.errorGroups')} role="group">
            <Chip value="all" size="sm" wrapperProps={{ 'data-testid': 'error-group-all' }}>
              {t('imports.allErrors')}{' '}
              <Badge size="xs" variant="transparent" c="dark.7">
                {all}
              </Badge>
            </Chip>
            {groups.data?.map((g) => (
              <Chip key={groupId(g)} value={groupId(g)} size="sm" wrapperProps={{ 'data-testid': 'error-group' }}>
                {t('imports.errorGroup', { problem: t(`importErrors.kinds.${g.code}` as 'importErrors.kinds.invalid_email', { defaultValue: g.code }), column: g.column ?? '—' })}{' '}
                <Badge size="xs" variant="transparent" c="dark.7" data-testid="error-group-count">
                  {g.count}
                </Badge>
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      <DataTable table={table} variant="simple" striped verticalSpacing={4} label={t('imports.errorsTitle', { count: all })} rowProps={ROW} />
      {group && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('imports.groupShown', { count: total })}
        </Text>
      )}
      {total > PAGE_SIZE && (
        <Group justify="flex-end" mt="xs">
          <Pagination size="sm" total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Paper>
  );
}
