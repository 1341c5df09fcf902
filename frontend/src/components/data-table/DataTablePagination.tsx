import { Group, Loader, Pagination, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  pageSize: number;
  /** Rows that match, or as many as are known so far: it sets the number of pages. */
  total: number;
  /** How to show the total when not as a plain number (`~52,000`, `…` while it is counted). */
  totalText?: string;
  /** The total is still being counted: marked `data-pending` until it is this view's. */
  totalPending?: boolean;
  pageSizes: readonly number[];
  fetching?: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
  formatNumber: (n: number) => string;
}

export function DataTablePagination(props: Props) {
  const { page, pageSize, total, totalText, totalPending, pageSizes, fetching, onPageChange, onPageSizeChange, formatNumber } = props;
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);

  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Group gap="xs">
        <Text size="sm" c="dimmed" data-testid="table-total" data-pending={totalPending || undefined} aria-live="polite">
          {t('table.range', { from: formatNumber(from), to: formatNumber(to), total: totalText ?? formatNumber(total) })}
        </Text>
        {fetching && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      <Group gap="sm">
        <Group gap={6}>
          <Text size="sm" component="label" htmlFor="page-size">
            {t('table.pageSize')}
          </Text>
          <Select
            id="page-size"
            data={pageSizes.map(String)}
            value={String(pageSize)}
            onChange={(v) => v && onPageSizeChange(Number(v))}
            allowDeselect={false}
            w={84}
            size="xs"
          />
        </Group>
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onPageChange}
          size="sm"
          siblings={1}
          boundaries={1}
          getControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
        />
      </Group>
    </Group>
  );
}
