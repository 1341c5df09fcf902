import type { FilterNode } from '@/features/customers/filters/tree';
import { DEFAULT_SORT } from '@/features/customers/search';
import type { Segment } from './queries';

export interface SegmentView {
  filter?: FilterNode;
  q?: string;
  sort?: string;
}

/** A tree in one spelling: a group of one is its child (the builder wraps what the server keeps bare). */
export function normalizeTree(node: FilterNode | null | undefined): unknown {
  if (!node) return null;
  if ('and' in node || 'or' in node) {
    const children = 'and' in node ? node.and : node.or;
    if (children.length === 1 && children[0]) return normalizeTree(children[0]);
    return { [('and' in node ? 'and' : 'or')]: children.map(normalizeTree) };
  }
  if ('not' in node) return { not: normalizeTree(node.not) };
  // Keys in one order: the server's JSONB gives them back in its own ({op, field, value}).
  return Object.fromEntries(Object.entries(node).sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether the list shows something else than the segment saved: its filter, search or sort changed. */
export function viewDiffers(segment: Pick<Segment, 'filter' | 'q' | 'sort'>, view: SegmentView): boolean {
  const sameFilter = JSON.stringify(normalizeTree(segment.filter as FilterNode | null)) === JSON.stringify(normalizeTree(view.filter));
  const sameQ = (segment.q ?? '') === (view.q ?? '');
  const sameSort = (segment.sort || DEFAULT_SORT) === (view.sort || DEFAULT_SORT);
  return !(sameFilter && sameQ && sameSort);
}
