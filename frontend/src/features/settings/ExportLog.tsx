import { Badge, Group, Pagination, Table, Text } from '@mantine/core';
import { IconFileOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { useExportLog } from '@/features/exports/queries';
import { useFormatters } from '@/lib/useFormatters';

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
  if (log.data?.total === 0) return <EmptyState icon={<IconFileOff />} title={t('settings.exports.none')} />;
  return (
    <>
      <Table verticalSpacing={6} data-testid="export-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.exports.when')}</Table.Th>
            <Table.Th>{t('settings.exports.who')}</Table.Th>
            <Table.Th>{t('settings.exports.format')}</Table.Th>
            <Table.Th>{t('settings.exports.rows')}</Table.Th>
            <Table.Th>{t('settings.exports.selection')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.data?.items.map((e) => (
            <Table.Tr key={e.id} data-testid="export-log-row">
              <Table.Td>{fmt.dateTime(e.created_at)}</Table.Td>
              <Table.Td>{e.actor_label ?? e.actor_type}</Table.Td>
              <Table.Td>
                <Badge variant="light">{e.format.toUpperCase()}</Badge>
              </Table.Td>
              <Table.Td>{fmt.number(e.row_count)}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" lineClamp={2} maw={420}>
                  {describeSelection(e.selection)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(log.data?.total ?? 0) > 20 && (
        <Group justify="flex-end" mt="xs">
          <Pagination size="sm" total={Math.ceil((log.data?.total ?? 0) / 20)} value={page} onChange={setPage} />
        </Group>
      )}
    </>
  );
}
