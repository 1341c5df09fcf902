import { Button, Menu } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toSelection } from '@/features/customers/bulk/selection';
import type { FilterNode } from '@/features/customers/filters/tree';
import { useCustomerFields } from '@/features/customers/queries';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useExportCustomers, type ExportFormat } from './queries';

interface Props {
  /** Ticked rows; none means the whole view. */
  ids: string[];
  allMatching: boolean;
  view: { filter?: FilterNode; q?: string; segment?: string };
  sort?: string;
  /** The table's visible columns, exported in the same order. */
  columns: string[];
}

const FORMATS: { format: ExportFormat; icon: typeof IconFileText }[] = [
  { format: 'csv', icon: IconFileText },
  { format: 'xlsx', icon: IconFileSpreadsheet },
  { format: 'pdf', icon: IconFileTypePdf },
];

/** The table shows one "name" column; the file gets first and last name apart. */
export function exportColumns(visible: string[], known: Set<string>): string[] {
  const out = visible.flatMap((c) => (c === 'last_name' ? ['first_name', 'last_name'] : [c]));
  return out.filter((c) => known.has(c) || c === 'tags');
}

export function ExportMenu({ ids, allMatching, view, sort, columns }: Props) {
  const { t } = useTranslation();
  const fields = useCustomerFields();
  const run = useExportCustomers();
  const selection = toSelection(ids, allMatching || ids.length === 0, view);
  const known = new Set((fields.data ?? []).map((f) => f.name));
  const cols = exportColumns(columns, known);

  const start = (format: ExportFormat) =>
    run.mutate(
      { format, delimiter: ';', ...selection, ...(cols.length > 0 ? { columns: cols } : {}), ...(sort ? { sort } : {}) },
      { onSuccess: () => notifySuccess(t('exports.done')), onError: (e) => notifyError(e) },
    );

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} loading={run.isPending} data-testid="export-menu">
          {ids.length > 0 && !allMatching ? t('exports.selected', { count: ids.length }) : t('exports.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {FORMATS.map(({ format, icon: Icon }) => (
          <Menu.Item key={format} leftSection={<Icon size={16} />} onClick={() => start(format)} data-testid={`export-${format}`}>
            {format.toUpperCase()}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
