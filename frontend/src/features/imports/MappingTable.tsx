import { Select, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import type { MappingValues } from './mappingForm';
import type { Import } from './queries';
import { IGNORE, type TargetGroup } from './targets';

type FileColumn = Import['columns'][number];

interface Props {
  columns: FileColumn[];
  control: Control<MappingValues>;
  options: TargetGroup[];
  /** Targets more than one column fills. */
  dupes: Set<string>;
}

/** File columns with their sample values on the left, the field each fills on the right. */
export function MappingTable({ columns: fileColumns, control, options, dupes }: Props) {
  const { t } = useTranslation();
  const columns = useMemo(
    (): ColumnDef<FileColumn>[] => [
      {
        id: 'column',
        header: t('imports.fileColumn'),
        cell: ({ row }) => (
          <Text span inherit fw={600}>
            {row.original.name}
          </Text>
        ),
      },
      {
        id: 'samples',
        header: t('imports.samples'),
        cell: ({ row }) => (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {row.original.samples.filter(Boolean).slice(0, 3).join(' · ') || '—'}
          </Text>
        ),
      },
      { id: 'arrow', header: '', size: 40, cell: () => <IconArrowRight size={16} color="gray" /> },
      {
        id: 'target',
        header: t('imports.target'),
        size: 280,
        cell: ({ row: { original: col, index } }) => (
          <Controller
            control={control}
            name={`targets.${index}`}
            render={({ field }) => (
              <Select
                aria-label={t('imports.targetFor', { column: col.name })}
                data-testid={`target-${col.name}`}
                data={options}
                searchable
                value={field.value ?? IGNORE}
                error={field.value && dupes.has(field.value) ? t('imports.duplicateTarget') : undefined}
                onChange={(v) => field.onChange(!v || v === IGNORE ? null : v)}
                onBlur={field.onBlur}
              />
            )}
          />
        ),
      },
    ],
    [t, control, options, dupes],
  );
  const table = useSimpleTable(fileColumns, columns, (c) => c.name);
  return <DataTable table={table} variant="simple" verticalSpacing="xs" label={t('imports.fileColumn')} />;
}
