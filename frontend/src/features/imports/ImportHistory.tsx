import { Anchor, Badge, Button, Group, Pagination, Paper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
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

/** Earlier imports; a completed one can be undone. */
export function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [page, setPage] = useState(1);
  const list = useImports(page);
  const action = useImportAction();
  const [reverting, setReverting] = useState<Import | null>(null);
  const total = list.data?.total ?? 0;
  if (total === 0) return null;

  return (
    <Paper withBorder radius="md" p="sm" data-testid="import-history">
      <Title order={3} size="h4" mb="xs">
        {t('imports.history')}
      </Title>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.file')}</Table.Th>
            <Table.Th>{t('imports.when')}</Table.Th>
            <Table.Th>{t('imports.status')}</Table.Th>
            <Table.Th>{t('imports.counts.created')}</Table.Th>
            <Table.Th>{t('imports.counts.updated')}</Table.Th>
            <Table.Th>{t('imports.counts.invalid')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((imp) => (
            <Table.Tr key={imp.id} data-testid="import-history-row">
              <Table.Td>
                <Anchor component="button" onClick={() => onOpen(imp.id)}>
                  {imp.file_name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {imp.created_by}
                </Text>
              </Table.Td>
              <Table.Td>{fmt.dateTime(imp.created_at)}</Table.Td>
              <Table.Td>
                {/* The colour in a dot, the word in dark text: light badges' coloured text fails contrast. */}
                <Badge color={COLOURS[imp.status]} variant="dot" c="dark.7" data-testid="import-status">
                  {t(`imports.statuses.${imp.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{fmt.number(imp.counts.created)}</Table.Td>
              <Table.Td>{fmt.number(imp.counts.updated)}</Table.Td>
              <Table.Td>
                {imp.counts.invalid > 0 ? (
                  // The rejected rows stay downloadable after the commit: fix them and import again.
                  <Anchor href={errorsCsvUrl(imp.id)} download size="sm" data-testid="history-download-errors" title={t('imports.errorFile')}>
                    {fmt.number(imp.counts.invalid)}
                  </Anchor>
                ) : (
                  fmt.number(imp.counts.invalid)
                )}
              </Table.Td>
              <Table.Td>
                {imp.status === 'completed' && (
                  <Button size="xs" variant="default" onClick={() => setReverting(imp)} data-testid="revert-import">
                    {t('imports.revert')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
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
