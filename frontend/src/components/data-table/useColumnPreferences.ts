import type { ColumnOrderState, VisibilityState } from '@tanstack/react-table';
import { useCallback, useState } from 'react';

export interface ColumnPreferences {
  order: ColumnOrderState;
  visibility: VisibilityState;
}

function load(key: string, defaults: ColumnPreferences, known: readonly string[]): ColumnPreferences {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return defaults;
    const saved = JSON.parse(raw) as Partial<ColumnPreferences>;
    // Columns added since the preference was saved go where the defaults put them; gone ones drop out.
    const order = (saved.order ?? []).filter((id) => known.includes(id));
    for (const id of defaults.order) if (!order.includes(id)) order.splice(defaults.order.indexOf(id), 0, id);
    return { order, visibility: { ...defaults.visibility, ...(saved.visibility ?? {}) } };
  } catch {
    return defaults;
  }
}

/** Which columns are shown and in what order, remembered in this browser per user and table. */
export function useColumnPreferences(key: string, defaults: ColumnPreferences) {
  const [prefs, setPrefs] = useState<ColumnPreferences>(() => load(key, defaults, defaults.order));

  const update = useCallback(
    (next: (prev: ColumnPreferences) => ColumnPreferences) => {
      setPrefs((prev) => {
        const value = next(prev);
        localStorage.setItem(key, JSON.stringify(value));
        return value;
      });
    },
    [key],
  );

  const setColumnOrder = useCallback(
    (updater: ColumnOrderState | ((old: ColumnOrderState) => ColumnOrderState)) =>
      update((prev) => ({ ...prev, order: typeof updater === 'function' ? updater(prev.order) : updater })),
    [update],
  );

  const setColumnVisibility = useCallback(
    (updater: VisibilityState | ((old: VisibilityState) => VisibilityState)) =>
      update((prev) => ({
        ...prev,
        visibility: typeof updater === 'function' ? updater(prev.visibility) : updater,
      })),
    [update],
  );

  const reset = useCallback(() => {
    localStorage.removeItem(key);
    setPrefs(defaults);
  }, [key, defaults]);

  return { ...prefs, setColumnOrder, setColumnVisibility, reset };
}
