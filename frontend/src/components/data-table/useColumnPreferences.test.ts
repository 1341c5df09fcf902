import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useColumnPreferences } from './useColumnPreferences';

const defaults = { order: ['name', 'email', 'phone'], visibility: { phone: false } };

describe('useColumnPreferences', () => {
  beforeEach(() => localStorage.clear());

  it('starts from the defaults', () => {
    const { result } = renderHook(() => useColumnPreferences('k', defaults));
    expect(result.current.order).toEqual(['name', 'email', 'phone']);
    expect(result.current.visibility).toEqual({ phone: false });
  });

  it('remembers changes for the same key', () => {
    const first = renderHook(() => useColumnPreferences('user-1', defaults));
    act(() => first.result.current.setColumnOrder(['phone', 'name', 'email']));
    act(() => first.result.current.setColumnVisibility((v) => ({ ...v, phone: true })));
    const again = renderHook(() => useColumnPreferences('user-1', defaults));
    expect(again.result.current.order).toEqual(['phone', 'name', 'email']);
    expect(again.result.current.visibility.phone).toBe(true);
    const other = renderHook(() => useColumnPreferences('user-2', defaults));
    expect(other.result.current.order).toEqual(['name', 'email', 'phone']);
  });

  it('adds columns that appeared since and drops ones that are gone', () => {
    localStorage.setItem('k', JSON.stringify({ order: ['email', 'gone', 'name'], visibility: {} }));
    const { result } = renderHook(() => useColumnPreferences('k', defaults));
    expect(result.current.order).toEqual(['email', 'name', 'phone']);
  });

  it('resets to the defaults', () => {
    const { result } = renderHook(() => useColumnPreferences('k', defaults));
    act(() => result.current.setColumnOrder(['phone']));
    act(() => result.current.reset());
    expect(result.current.order).toEqual(defaults.order);
    expect(localStorage.getItem('k')).toBeNull();
  });
});
