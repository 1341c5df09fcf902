import { ActionIcon, Badge, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@/api/types';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import { useCustomFields, useDeleteCustomField } from '@/features/custom-fields/queries';
import { notifyError } from '@/lib/notify';
import { CustomFieldForm } from './CustomFieldForm';

export function CustomFieldsSettings() {
  const { t } = useTranslation();
  const fields = useCustomFields();
  const { mutate: remove } = useDeleteCustomField();

  const columns = useMemo(
    (): ColumnDef<CustomField>[] => [
      {
        id: 'label',
        header: t('settings.fields.label'),
        cell: ({ row: { original: f } }) => (
          <>
            {f.label} {f.required && <Badge size="xs">{t('settings.fields.required')}</Badge>}
          </>
        ),
      },
      { id: 'key', header: t('settings.fields.key'), cell: ({ row }) => <Text span inherit ff="monospace">{row.original.key}</Text> },
      { id: 'type', header: t('settings.fields.type'), cell: ({ row }) => t(`settings.fields.types.${row.original.type}`) },
      { id: 'choices', header: t('settings.fields.choices'), cell: ({ row }) => (row.original.choices ?? []).join(', ') },
      {
        id: 'actions',
        header: '',
        size: 60,
        cell: ({ row: { original: f } }) => (
          <ActionIcon variant="subtle" color="red" aria-label={t('settings.delete', { name: f.label })} onClick={() => remove(f.id, { onError: (e) => notifyError(e) })}>
            <IconTrash size={16} />
          </ActionIcon>
        ),
      },
    ],
    [t, remove],
  );
  const table = useSimpleTable(fields.data, columns, (f) => f.id);

  return (
    <Stack gap="sm" data-testid="settings-fields">
      <CustomFieldForm />
      <DataTable table={table} variant="simple" verticalSpacing={6} loading={fields.isPending} skeletonRows={3} label={t('settings.tabs.fields')} />
    </Stack>
  );
}
