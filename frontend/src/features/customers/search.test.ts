import { describe, expect, it } from 'vitest';
import { validateCustomersSearch } from './search';

describe('validateCustomersSearch', () => {
  it('keeps valid values and drops defaults', () => {
    expect(validateCustomersSearch({ page: '3', page_size: 100, sort: '-total_spent,last_name', q: 'anna' })).toEqual({
      page: 3,
      page_size: 100,
      sort: '-total_spent,last_name',
      q: 'anna',
    });
    expect(validateCustomersSearch({ page: 1, page_size: 50 })).toEqual({});
  });

  it('ignores junk from a hand-edited URL', () => {
    expect(validateCustomersSearch({ page: '-2', page_size: 7, sort: 'name; drop table', q: '  ' })).toEqual({});
  });

  it('keeps a filter tree and a segment id', () => {
    const filter = { and: [{ field: 'status', op: 'eq', value: 'active' }] };
    const segment = '3f1c2b9e-0000-4000-8000-000000000001';
    expect(validateCustomersSearch({ filter, segment })).toEqual({ filter, segment });
    expect(validateCustomersSearch({ filter: 'status = active', segment: 'x' })).toEqual({});
  });

  it('keeps a numeric search term as text', () => {
    expect(validateCustomersSearch({ q: 600123 })).toEqual({ q: '600123' });
  });
});
