import { describe, expect, it } from 'vitest';
import { parseSort, serializeSort } from './sort';

describe('sort syntax', () => {
  it('parses descending and ascending keys in order', () => {
    expect(parseSort('-total_spent,last_name')).toEqual([
      { id: 'total_spent', desc: true },
      { id: 'last_name', desc: false },
    ]);
  });

  it('treats an empty string as no sorting', () => {
    expect(parseSort('')).toEqual([]);
    expect(serializeSort([])).toBeUndefined();
  });

  it('round-trips', () => {
    expect(serializeSort(parseSort('-created_at,email'))).toBe('-created_at,email');
  });
});
