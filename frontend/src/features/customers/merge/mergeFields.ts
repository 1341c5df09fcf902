import type { Customer } from '@/api/types';

/** The fields a person may pick a winner for (the API's `MERGEABLE` scalar fields people read). */
export const MERGE_FIELDS = [
  'first_name', 'last_name', 'middle_name', 'company_name', 'tax_id', 'email', 'phone', 'birth_date',
  'gender', 'country', 'city', 'street', 'building', 'apartment', 'postal_code', 'notes', 'external_id',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

function present(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Fields both customers fill with different values: only there is a choice to make. */
export function conflictingFields(a: Customer, b: Customer): MergeField[] {
  return MERGE_FIELDS.filter((f) => present(a[f]) && present(b[f]) && a[f] !== b[f]);
}

/**
 * The API's `fields`: for each conflict whose winner is not the kept customer, that customer's id.
 * The kept customer's values win by default, so they need not be sent.
 */
export function fieldPicks(picks: Partial<Record<MergeField, string>>, targetId: string): Record<string, string> {
  return Object.fromEntries(Object.entries(picks).filter(([, id]) => id && id !== targetId));
}
