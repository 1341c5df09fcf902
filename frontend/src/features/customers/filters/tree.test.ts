import { describe, expect, it } from 'vitest';
import { draftToTree, isFilterNode, topLevelParts, treeToDraft, withoutPart, type FilterNode } from './tree';

const NO_VALUE = new Set(['is_empty', 'is_not_empty', 'today']);

const twoGroups: FilterNode = {
  and: [
    { or: [{ field: 'tags', op: 'has_any', value: ['VIP'] }, { field: 'total_spent', op: 'gte', value: 500 }] },
    { or: [{ field: 'city', op: 'eq', value: 'Łódź' }, { field: 'email', op: 'is_empty' }] },
  ],
};

describe('filter tree', () => {
  it('round-trips a two-group AND/OR tree through the builder', () => {
    expect(draftToTree(treeToDraft(twoGroups), NO_VALUE)).toEqual(twoGroups);
  });

  it('keeps a negated group', () => {
    const tree: FilterNode = { not: { or: [{ field: 'status', op: 'eq', value: 'blocked' }] } };
    expect(draftToTree(treeToDraft(tree), NO_VALUE)).toEqual(tree);
  });

  it('wraps a bare condition in a group', () => {
    expect(draftToTree(treeToDraft({ field: 'email', op: 'is_not_empty' }), NO_VALUE)).toEqual({
      and: [{ field: 'email', op: 'is_not_empty' }],
    });
  });

  it('leaves out conditions that are not finished and groups left empty', () => {
    const draft = treeToDraft(twoGroups);
    const first = draft.items[0];
    if (first?.kind !== 'group') throw new Error('expected a group');
    first.items.push({ kind: 'condition', key: 'x', field: 'city', op: 'eq', value: '' });
    first.items.push({ kind: 'condition', key: 'y', field: 'city', op: null, value: null });
    first.items.push({ kind: 'condition', key: 'z', field: 'total_spent', op: 'between', value: [1, null] });
    draft.items.push({ kind: 'group', key: 'g', join: 'or', negate: false, items: [] });
    expect(draftToTree(draft, NO_VALUE)).toEqual(twoGroups);
  });

  it('drops the value of operators that take none', () => {
    const draft = treeToDraft({ and: [{ field: 'created_at', op: 'today', value: 'stale' }] });
    expect(draftToTree(draft, NO_VALUE)).toEqual({ and: [{ field: 'created_at', op: 'today' }] });
  });

  it('recognises trees and rejects junk', () => {
    expect(isFilterNode(twoGroups)).toBe(true);
    expect(isFilterNode({ and: [{ field: 1 }] })).toBe(false);
    expect(isFilterNode('status = active')).toBe(false);
  });

  it('removes one top-level part, and the whole filter with the last', () => {
    expect(topLevelParts(twoGroups).parts).toHaveLength(2);
    const one = withoutPart(twoGroups, 0);
    expect(one).toEqual({ and: [topLevelParts(twoGroups).parts[1]] });
    expect(one && withoutPart(one, 0)).toBeUndefined();
  });
});
