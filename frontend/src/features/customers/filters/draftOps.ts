import type { DraftGroup, DraftItem } from './tree';

/** Immutable edits of the builder's draft, addressed by each item's stable key. */
export function updateItem(group: DraftGroup, key: string, update: (item: DraftItem) => DraftItem): DraftGroup {
  return {
    ...group,
    items: group.items.map((item) => {
      if (item.key === key) return update(item);
      return item.kind === 'group' ? updateItem(item, key, update) : item;
    }),
  };
}

export function removeItem(group: DraftGroup, key: string): DraftGroup {
  return {
    ...group,
    items: group.items
      .filter((item) => item.key !== key)
      .map((item) => (item.kind === 'group' ? removeItem(item, key) : item)),
  };
}

/** Add to a group; a lone untouched condition gives way to the first group added next to it. */
export function appendTo(root: DraftGroup, groupKey: string, item: DraftItem): DraftGroup {
  const add = (g: DraftGroup): DraftGroup => {
    const only = g.items.length === 1 ? g.items[0] : undefined;
    const untouched = only?.kind === 'condition' && only.field === null;
    return { ...g, items: item.kind === 'group' && untouched ? [item] : [...g.items, item] };
  };
  if (root.key === groupKey) return add(root);
  return updateItem(root, groupKey, (g) => (g.kind === 'group' ? add(g) : g));
}
