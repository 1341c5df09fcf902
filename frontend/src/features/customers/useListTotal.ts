import { useFormatters } from '@/lib/useFormatters';
import { listTotal, needsCount, type ListPageInfo, type ListTotal } from './listTotal';
import { useCustomerCount, type CustomerCountParams } from './queries';

export interface ShownTotal extends ListTotal {
  /** `…` until there is a count at all; `~52 000` for the database's estimate of a large match. */
  text: string;
}

/**
 * The view's total for the badge, the pager and "select all N". Only the components that show
 * it subscribe to the count, so its arrival re-renders them and not the page with its rows.
 */
export function useListTotal(params: CustomerCountParams, page: ListPageInfo | null): ShownTotal {
  const fmt = useFormatters();
  const count = useCustomerCount(params, needsCount(page));
  const total = listTotal(
    page,
    count.data ? { total: count.data.total, isEstimate: count.data.total_is_estimate, stale: count.isPlaceholderData } : null,
  );
  const text = total.pending && !count.data ? '…' : `${total.isEstimate ? '~' : ''}${fmt.number(total.total)}`;
  return { ...total, text };
}
