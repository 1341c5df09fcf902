import { SegmentedControl } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { DataTable } from '@/components/data-table/DataTable';
import { useSimpleTable } from '@/components/data-table/useSimpleTable';
import type { MergeField } from './mergeFields';

interface Props {
  conflicts: MergeField[];
  target: Customer;
  source: Customer;
  picks: Partial<Record<MergeField, string>>;
  onPick: (field: MergeField, customerId: string) => void;
}

/** The fields both records fill differently: per field, whose value the kept record gets. */
export function MergeConflicts({ conflicts, target, source, picks, onPick }: Props) {
  const { t } = useTranslation();
  const columns = useMemo(
    (): ColumnDef<MergeField>[] => [
      { id: 'field', meta: { label: t('merge.conflicts'), fixedWidth: 160 }, cell: ({ row }) => t(`customer.fields.${row.original}`) },
      {
        id: 'pick',
        cell: ({ row: { original: f } }) => (
          <SegmentedControl
            size="xs"
            fullWidth
            value={picks[f] ?? target.id}
            onChange={(id) => onPick(f, id)}
            data={[target, source].map((c) => ({ value: c.id, label: String(c[f]) }))}
            aria-label={t(`customer.fields.${f}`)}
          />
        ),
      },
    ],
    [t, picks, target, source, onPick],
  );
  const table = useSimpleTable(conflicts, columns, (f) => f);
  return <DataTable table={table} variant="simple" withHeader={false} verticalSpacing={4} data-testid="merge-conflicts" />;
}
