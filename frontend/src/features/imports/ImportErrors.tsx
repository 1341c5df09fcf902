import { Anchor, Group, Pagination, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importErrorLabel } from '@/i18n/codes';
import { errorsCsvUrl, useImportErrors } from './queries';

const PAGE_SIZE = 20;

/** The rows that will not be imported: which row, which column, why, and the value as written. */
export function ImportErrors({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const errors = useImportErrors(importId, page, PAGE_SIZE);
  const total = errors.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="import-errors">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('imports.errorsTitle', { count: total })}</Title>
        <Anchor href={errorsCsvUrl(importId)} download data-testid="download-errors" size="sm">
          <Group gap={4}>
            <IconDownload size={16} />
            {t('imports.downloadErrors')}
          </Group>
        </Anchor>
      </Group>
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('imports.row')}</Table.Th>
            <Table.Th>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.message')}</Table.Th>
            <Table.Th>{t('imports.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.data?.items.map((e, i) => (
            <Table.Tr key={`${e.row}-${e.column ?? ''}-${i}`} data-testid="import-error-row">
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{e.column ?? '—'}</Table.Td>
              <Table.Td>{importErrorLabel(t, e.code, { value: e.value, column: e.column })}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {e.value ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {total > PAGE_SIZE && (
        <Group justify="flex-end" mt="xs">
          <Pagination size="sm" total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Paper>
  );
}
