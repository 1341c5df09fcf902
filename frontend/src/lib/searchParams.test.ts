import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from './searchParams';

describe('search params', () => {
  it('keeps plain values plain', () => {
    expect(stringifySearch({ q: '600123', page: 2, sort: '-total_spent' })).toBe('?q=600123&page=2&sort=-total_spent');
    expect(parseSearch('?q=600123&page=2')).toEqual({ q: '600123', page: '2' });
  });

  it('keeps the leading zero of a phone fragment', () => {
    expect(parseSearch(stringifySearch({ q: '0501' }))).toEqual({ q: '0501' });
  });

  it('round-trips a filter tree as JSON', () => {
    const filter = { and: [{ field: 'tags', op: 'has_any', value: ['VIP'] }] };
    expect(parseSearch(stringifySearch({ filter }))).toEqual({ filter });
  });

  it('leaves a search that merely starts with a brace as text', () => {
    expect(parseSearch(stringifySearch({ q: '{kowal' }))).toEqual({ q: '{kowal' });
  });
});
