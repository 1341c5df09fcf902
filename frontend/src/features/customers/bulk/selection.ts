import type { FilterNode } from '../filters/tree';
import type { Selection } from './useBulkAction';

/** Always true: "everyone" when the list is neither filtered nor searched. */
const EVERYONE: FilterNode = { field: 'created_at', op: 'is_not_empty' };

/** What a bulk action applies to: the ticked rows, or everything the current view matches. */
export function toSelection(
  ids: string[],
  allMatching: boolean,
  view: { filter?: FilterNode; q?: string; segment?: string },
): Selection {
  if (!allMatching) return { ids };
  if (view.segment && !view.filter && !view.q) return { segment_id: view.segment };
  const filter = view.filter ?? (view.q ? undefined : EVERYONE);
  return { ...(filter ? { filter: { ...filter } } : {}), ...(view.q ? { q: view.q } : {}) };
}
