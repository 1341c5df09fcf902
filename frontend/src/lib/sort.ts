import type { SortingState } from '@tanstack/react-table';

/** `-total_spent,last_name` ⇄ TanStack sorting state; the one sort syntax of the API and the table. */
export function parseSort(sort: string | undefined): SortingState {
  if (!sort) return [];
  return sort
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part.startsWith('-') ? { id: part.slice(1), desc: true } : { id: part, desc: false }));
}

export function serializeSort(sorting: SortingState): string | undefined {
  if (sorting.length === 0) return undefined;
  return sorting.map((s) => (s.desc ? `-${s.id}` : s.id)).join(',');
}
