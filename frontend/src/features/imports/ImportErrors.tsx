import { Anchor, Badge, Chip, Group, Pagination, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importErrorLabel } from '@/i18n/codes';
import { errorsCsvUrl, useImportErrorGroups, useImportErrors, type ErrorGroupKey } from './queries';

const PAGE_SIZE = 20;

const groupId = (g: ErrorGroupKey) => `${g.code}\u0000${g.column ?? ''}`;

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
