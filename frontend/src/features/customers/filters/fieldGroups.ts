import type { FieldInfo } from './fields';

export type FieldGroup = 'pinned' | 'contact' | 'purchases' | 'visits' | 'vouchers' | 'consents' | 'rfm' | 'custom';

/** The fields most filters start from, shown first. */
export const PINNED: readonly string[] = ['tags', 'city', 'total_spent', 'last_visit_at', 'birth_date', 'consent.email_marketing', 'status'];

const ORDER: FieldGroup[] = ['pinned', 'contact', 'purchases', 'visits', 'vouchers', 'consents', 'rfm', 'custom'];

/** Which group a field belongs to, from its name: the registry's names follow these families. */
export function fieldGroup(name: string): FieldGroup {
  if (PINNED.includes(name)) return 'pinned';
  if (name.startsWith('cf.')) return 'custom';
  if (name.startsWith('consent.')) return 'consents';
  if (name.startsWith('rfm_')) return 'rfm';
  if (name.startsWith('voucher')) return 'vouchers';
  if (/^(visits|first_visit|last_visit|last_activity)/.test(name)) return 'visits';
  if (/^(total_spent|transactions_count|avg_check|last_purchase|purchases_|spent_)/.test(name)) return 'purchases';
  return 'contact';
}

/** The picker's options in groups, each field once (a pinned field only under "most used"), pinned in their set order. */
export function groupFields<T extends { value: string }>(fields: FieldInfo[], option: (f: FieldInfo) => T, groupLabel: (g: FieldGroup) => string) {
  const by = new Map<FieldGroup, FieldInfo[]>();
  for (const f of fields) {
    const g = fieldGroup(f.name);
    by.set(g, [...(by.get(g) ?? []), f]);
  }
  const pinned = by.get('pinned');
  if (pinned) pinned.sort((a, b) => PINNED.indexOf(a.name) - PINNED.indexOf(b.name));
  return ORDER.filter((g) => by.has(g)).map((g) => ({ group: groupLabel(g), items: (by.get(g) ?? []).map(option) }));
}
