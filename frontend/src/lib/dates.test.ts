import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DATE_FORMAT, parseTypedDate } from './dates';

describe('date fields', () => {
  afterEach(() => {
    dayjs.locale('en');
  });

  it('shows a real date for the localized format, never the letter L', () => {
    dayjs.locale('pl');
    expect(dayjs('1988-03-27').format(DATE_FORMAT)).toBe('27.03.1988');
    dayjs.locale('en');
    expect(dayjs('1988-03-27').format(DATE_FORMAT)).toBe('03/27/1988');
  });

  it('reads back a date typed as the language writes it', () => {
    dayjs.locale('pl');
    expect(parseTypedDate('27.03.1988')).toBe('1988-03-27');
    expect(parseTypedDate('1988-03-27')).toBe('1988-03-27');
    expect(parseTypedDate('not a date')).toBeNull();
  });
});
