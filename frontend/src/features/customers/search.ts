import { isFilterNode, type FilterNode } from './filters/tree';

/** The customers list's state as it lives in the URL, so a view can be bookmarked and shared. */
export interface CustomersSearch {
  page?: number;
  page_size?: number;
  sort?: string;
  q?: string;
  /** The filter tree, as JSON in the URL. */
  filter?: FilterNode;
  /** The segment the view came from, highlighted in the side list. */
  segment?: string;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_SORT = '-created_at';

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function validateCustomersSearch(search: Record<string, unknown>): CustomersSearch {
  const out: CustomersSearch = {};
  const page = positiveInt(search.page);
  if (page && page > 1) out.page = page;
  const size = positiveInt(search.page_size);
  if (size && (PAGE_SIZES as readonly number[]).includes(size) && size !== DEFAULT_PAGE_SIZE) out.page_size = size;
  const sort = text(search.sort);
  if (sort && /^-?[a-z0-9_.]+(,-?[a-z0-9_.]+)*$/.test(sort)) out.sort = sort;
  const q = text(search.q);
  if (q) out.q = q;
  if (isFilterNode(search.filter)) out.filter = search.filter;
  const segment = text(search.segment);
  if (segment && /^[0-9a-f-]{36}$/.test(segment)) out.segment = segment;
  return out;
}

/** The list request a view makes: the table's query and the search box's early start must agree on it. */
export function listParams(search: CustomersSearch) {
  return {
    page: search.page ?? 1,
    page_size: search.page_size ?? DEFAULT_PAGE_SIZE,
    sort: search.sort ?? DEFAULT_SORT,
    ...(search.q ? { q: search.q } : {}),
    ...(search.filter ? { filter: search.filter } : {}),
  };
}
