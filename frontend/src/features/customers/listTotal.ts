/** The rows of the view on screen, as far as they tell how many match. */
export interface ListPageInfo {
  page: number;
  pageSize: number;
  rows: number;
  hasMore: boolean;
}

/** The count endpoint's answer; `stale` while it is the previous view's, kept until the new one arrives. */
export interface CountInfo {
  total: number;
  isEstimate: boolean;
  stale: boolean;
}

export interface ListTotal {
  total: number;
  isEstimate: boolean;
  /** Not this view's count yet: show it as pending, don't offer it as a number to act on. */
  pending: boolean;
}

/**
 * The total the badge, the pager and "select all N" show. The rows arrive before the count:
 * a page that reaches the end already says the exact total; otherwise the count, never below
 * the rows known to exist (a count taken before the latest change may be lower).
 * `page` is null while the table still shows the previous view's rows.
 */
export function listTotal(page: ListPageInfo | null, count: CountInfo | null): ListTotal {
  const seen = page ? (page.page - 1) * page.pageSize + page.rows : 0;
  if (page && !page.hasMore && (page.rows > 0 || page.page === 1)) {
    return { total: seen, isEstimate: false, pending: false };
  }
  // A page past the end (no rows) tells nothing about how many there are.
  const atLeast = page && page.rows > 0 ? seen + (page.hasMore ? 1 : 0) : 0;
  if (!count) return { total: atLeast, isEstimate: true, pending: true };
  return {
    total: Math.max(count.total, atLeast),
    isEstimate: count.isEstimate || count.total < atLeast,
    pending: count.stale,
  };
}

/**
 * Whether the view needs the count endpoint: not before its rows are on screen (on two cores a
 * count beside the rows' query slows the rows down), nor when they reach the end (they are the
 * total). A page past the end says nothing, so it asks.
 */
export function needsCount(page: ListPageInfo | null): boolean {
  return page !== null && (page.hasMore || (page.rows === 0 && page.page > 1));
}
