import { describe, expect, it } from 'vitest';
import { makeFormatters } from './format';

const pl = makeFormatters({ locale: 'pl-PL', currency: 'PLN', timeZone: 'Europe/Warsaw' });

describe('formatters', () => {
  it('formats decimal strings from the API as money in the tenant currency', () => {
    expect(pl.money('1234.5').replace(/\s/g, ' ')).toBe('1234,50 zł');
  });

  it('shows a dash for missing values', () => {
    expect(pl.money(null)).toBe('—');
    expect(pl.date(undefined)).toBe('—');
  });

  it('does not shift a calendar date across time zones', () => {
    const us = makeFormatters({ locale: 'en-US', currency: 'USD', timeZone: 'America/Los_Angeles' });
    expect(us.date('1990-12-31')).toBe('Dec 31, 1990');
  });
});
