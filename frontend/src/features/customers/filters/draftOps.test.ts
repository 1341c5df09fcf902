import { describe, expect, it } from 'vitest';
import { appendTo, removeItem, updateItem } from './draftOps';
import type { DraftGroup } from './tree';

const root: DraftGroup = {
  kind: 'group', key: 'root', join: 'and', negate: false,
  items: [
    { kind: 'condition', key: 'a', field: 'city', op: 'eq', value: 'Łódź' },
    { kind: 'group', key: 'g', join: 'or', negate: false, items: [{ kind: 'condition', key: 'b', field: null, op: null, value: null }] },
  ],
};

describe('draft edits', () => {
  it('updates a nested condition without touching the original', () => {
    const next = updateItem(root, 'b', (c) => ({ ...c, field: 'email' }));
    const group = next.items[1];
    expect(group?.kind === 'group' && group.items[0]).toMatchObject({ field: 'email' });
    const before = root.items[1];
    expect(before?.kind === 'group' && before.items[0]).toMatchObject({ field: null });
  });

  it('removes at any depth and appends to a chosen group', () => {
    expect(removeItem(root, 'b').items[1]).toMatchObject({ items: [] });
    const added = appendTo(root, 'g', { kind: 'condition', key: 'c', field: null, op: null, value: null });
    const group = added.items[1];
    expect(group?.kind === 'group' && group.items.map((i) => i.key)).toEqual(['b', 'c']);
    expect(appendTo(root, 'root', { kind: 'condition', key: 'd', field: null, op: null, value: null }).items).toHaveLength(3);
  });

  it('replaces a lone untouched condition with the first group added', () => {
    const fresh: DraftGroup = { ...root, items: [{ kind: 'condition', key: 'e', field: null, op: null, value: null }] };
    const group: DraftGroup = { kind: 'group', key: 'h', join: 'or', negate: false, items: [] };
    expect(appendTo(fresh, 'root', group).items.map((i) => i.key)).toEqual(['h']);
  });
});
