import { describe, expect, it } from 'vitest';
import { viewDiffers } from './viewState';

const saved = { filter: { field: 'city', op: 'eq', value: 'Łódź' }, q: null, sort: null };

describe('a segment against the list on screen', () => {
  it('is the same when the builder wrapped its one condition in a group', () => {
    expect(viewDiffers(saved, { filter: { and: [{ field: 'city', op: 'eq', value: 'Łódź' }] } })).toBe(false);
  });
  it('is the same whatever order the keys come back in', () => {
    expect(viewDiffers(saved, { filter: { op: 'eq', value: 'Łódź', field: 'city' } })).toBe(false);
  });
  it('is the same with the default sort spelled out', () => {
    expect(viewDiffers(saved, { filter: saved.filter, sort: '-created_at' })).toBe(false);
  });
  it('differs when a condition, the search or the sort changed', () => {
    expect(viewDiffers(saved, { filter: { field: 'city', op: 'eq', value: 'Kraków' } })).toBe(true);
    expect(viewDiffers(saved, { filter: saved.filter, q: 'nowak' })).toBe(true);
    expect(viewDiffers(saved, { filter: saved.filter, sort: 'last_name' })).toBe(true);
    expect(viewDiffers(saved, {})).toBe(true);
  });
});
