import { describe, expect, it } from 'vitest';
import { listTotal, needsCount } from './listTotal';

const page = (p: number, rows: number, hasMore: boolean) => ({ page: p, pageSize: 50, rows, hasMore });
const count = (total: number, stale = false, isEstimate = false) => ({ total, isEstimate, stale });

describe('listTotal', () => {
  it('takes the total from a page that reaches the end, without waiting for the count', () => {
    expect(listTotal(page(1, 7, false), null)).toEqual({ total: 7, isEstimate: false, pending: false });
    expect(listTotal(page(3, 12, false), count(500, true))).toEqual({ total: 112, isEstimate: false, pending: false });
  });

  it('an empty first page means nobody matches', () => {
    expect(listTotal(page(1, 0, false), count(40, true))).toEqual({ total: 0, isEstimate: false, pending: false });
  });

  it("uses this view's count when more pages follow", () => {
    expect(listTotal(page(1, 50, true), count(1234))).toEqual({ total: 1234, isEstimate: false, pending: false });
    expect(listTotal(page(1, 50, true), count(52_000, false, true))).toEqual({ total: 52_000, isEstimate: true, pending: false });
  });

  it("keeps the previous view's count, pending, never below the rows on screen", () => {
    expect(listTotal(page(1, 50, true), count(900, true))).toEqual({ total: 900, isEstimate: false, pending: true });
    expect(listTotal(page(2, 50, true), count(30, true))).toEqual({ total: 101, isEstimate: true, pending: true });
  });

  it('before any count: as many as are known to exist, pending', () => {
    expect(listTotal(page(1, 50, true), null)).toEqual({ total: 51, isEstimate: true, pending: true });
    expect(listTotal(null, null)).toEqual({ total: 0, isEstimate: true, pending: true });
  });

  it('a page past the end waits for the count', () => {
    expect(listTotal(page(9, 0, false), count(120))).toEqual({ total: 120, isEstimate: false, pending: false });
  });

  it('while the previous rows are on screen, the count alone decides', () => {
    expect(listTotal(null, count(77))).toEqual({ total: 77, isEstimate: false, pending: false });
    expect(listTotal(null, count(77, true))).toEqual({ total: 77, isEstimate: false, pending: true });
  });
});

describe('needsCount', () => {
  it('asks once the rows are on screen and more pages follow', () => {
    expect(needsCount(null)).toBe(false);
    expect(needsCount(page(1, 50, true))).toBe(true);
  });

  it('does not ask when the rows reach the end', () => {
    expect(needsCount(page(1, 12, false))).toBe(false);
    expect(needsCount(page(1, 0, false))).toBe(false);
  });

  it('asks for a page past the end', () => {
    expect(needsCount(page(7, 0, false))).toBe(true);
  });
});
