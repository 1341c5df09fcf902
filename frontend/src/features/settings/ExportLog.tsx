import { Badge, Group, Pagination, Text } from '@mantine/core';
import { IconFileOff } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { EmptyState } from '@/components/EmptyState';
import { useExportLog, type ExportLog as ExportLogEntry } from '@/features/exports/queries';
import { useFormatters } from '@/lib/useFormatters';

const ROW = () => ({ 'data-testid': 'export-log-row' });

function describeSelection(selection: Record<string, unknown>): string {
  if (Array.isArray(selection.ids)) return `${selection.ids.length} ids`;
  return Object.entries(selection)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** Who exported what, when: personal data leaving the system is accounted for. */
export function ExportLog() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const log = useExportLog(page);
  const columns = useMemo(
    (): ColumnDef<ExportLogEntry>[] => [
      { id: 'when', header: t('settings.exports.when'), cell: ({ row }) => fmt.dateTime(row.original.created_at) },
      { id: 'who', header: t('settings.exports.who'), cell: ({ row }) => row.original.actor_label ?? row.original.actor_type },
      { id: 'format', header: t('settings.exports.format'), cell: ({ row }) => <Badge variant="light">{row.original.format.toUpperCase()}</Badge> },
      { id: 'rows', header: t('settings.exports.rows'), cell: ({ row }) => fmt.number(row.original.row_count) },
      {
        id: 'selection',
        header: t('settings.exports.selection'),
        cell: ({ row }) => (
          <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
            {describeSelection(row.original.selection)}
          </Text>
        ),
      },
    ],
    [t, fmt],
  );
  const table = useSimpleTable(log.data?.items, columns, (e) => e.id);
  if (log.data?.total === 0) return <EmptyState icon={<IconFileOff />} title={t('settings.exports.none')} />;
  return (
    <>
      <DataTable table={table} variant="simple" verticalSpacing={6} label={t('settings.tabs.exports')} rowProps={ROW} data-testid="export-log" />
      {(log.data?.total ?? 0) > 20 && (
        <Group justify="flex-end" mt="xs">
          <Pagination size="sm" total={Math.ceil((log.data?.total ?? 0) / 20)} value={page} onChange={setPage} />
        </Group>
      )}
    </>
  );
}
