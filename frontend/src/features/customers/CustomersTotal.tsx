import { Badge } from '@mantine/core';
import { DataTablePagination } from '@/components/data-table/DataTablePagination';
import { useFormatters } from '@/lib/useFormatters';
import type { ListPageInfo } from './listTotal';
import type { CustomerCountParams } from './queries';
import { PAGE_SIZES } from './search';
import { useListTotal } from './useListTotal';

interface TotalProps {
  params: CustomerCountParams;
  page: ListPageInfo | null;
}

/** Next to the title: how many customers the view matches, dimmed while it is being counted. */
export function CustomersTotalBadge({ params, page }: TotalProps) {
  const total = useListTotal(params, page);
  return (
    <Badge variant="light" data-testid="customers-total" data-pending={total.pending || undefined} opacity={total.pending ? 0.6 : 1}>
      {total.text}
    </Badge>
  );
}

interface PagerProps extends TotalProps {
  pageNumber: number;
  pageSize: number;
  fetching: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
}

export function CustomersPager({ params, page, pageNumber, pageSize, fetching, onPageChange, onPageSizeChange }: PagerProps) {
  const fmt = useFormatters();
  const total = useListTotal(params, page);
  return (
    <DataTablePagination
      page={pageNumber}
      pageSize={pageSize}
      total={total.total}
      totalText={total.text}
      totalPending={total.pending}
      pageSizes={PAGE_SIZES}
      fetching={fetching}
      formatNumber={fmt.number}
      onPageChange={onPageChange}
      onPageSizeChange={onPageSizeChange}
    />
  );
}
