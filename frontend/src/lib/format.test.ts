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

  it('writes relative dates and changes in the UI language, not a fixed Polish', () => {
    const en = makeFormatters({ locale: 'en', currency: 'PLN', timeZone: 'Europe/Warsaw' });
    const now = new Date('2026-12-05T12:00:00Z');
    expect(en.relative('2026-12-04T12:00:00Z', now)).toBe('yesterday');
    expect(pl.relative('2026-12-04T12:00:00Z', now)).toBe('wczoraj');
    expect(en.change(12.345)).toBe('12.3%');
    expect(pl.change(12.345).replace(/\s/g, '')).toBe('12,3%');
    expect(en.when('2026-12-04T13:02:00Z', now)).toBe('yesterday 2:02 PM');
    expect(pl.when('2026-12-04T13:02:00Z', now)).toBe('wczoraj 14:02');
    // A jump from near zero is not shown as 34 492,7 %.
    expect(en.change(34492.7)).toBe('> 1,000%');
  });
});
