import { describe, expect, it } from 'vitest';
import { toSelection } from './selection';

describe('bulk selection', () => {
  it('sends the ticked ids', () => {
    expect(toSelection(['a', 'b'], false, { q: 'anna' })).toEqual({ ids: ['a', 'b'] });
  });

  it('sends the view for "all matching"', () => {
    const filter = { and: [{ field: 'status', op: 'eq', value: 'active' }] };
    expect(toSelection([], true, { filter, q: 'anna' })).toEqual({ filter, q: 'anna' });
    expect(toSelection([], true, { q: 'anna' })).toEqual({ q: 'anna' });
  });

  it('never sends an empty selection for everyone', () => {
    expect(toSelection([], true, {})).toEqual({ filter: { field: 'created_at', op: 'is_not_empty' } });
  });
});
