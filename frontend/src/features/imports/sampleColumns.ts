import type { TFunction } from 'i18next';
import type { CustomField } from '@/api/types';
import { FIELD_TARGETS } from './targets';

const ORDER: readonly string[] = [...FIELD_TARGETS, 'consents', 'custom_fields'];

/** The record's keys in the order of the mapping screen (the stored JSON sorts them its own way). */
export function sampleKeys(sample: Record<string, unknown>[]): string[] {
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return [...new Set(sample.flatMap((r) => Object.keys(r)))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Keys of a preview record that are not a customer field of the same name. */
const SPECIAL: Record<string, string> = {
  card: 'imports.targets.card',
  opening_points: 'imports.targets.opening_points',
  tags: 'customer.fields.tags',
  consents: 'customer.sections.consents',
  custom_fields: 'customer.sections.customFields',
};

/** The header of a preview column: the field's label in the current language, never the raw key. */
export function sampleHeader(t: TFunction, key: string): string {
  const special = SPECIAL[key];
  if (special) return t(special as 'customer.fields.tags');
  return t(`customer.fields.${key}` as 'customer.fields.email', { defaultValue: key });
}

/** A preview value as text: lists joined, consents and custom fields as "label: value". */
export function sampleCell(t: TFunction, key: string, value: unknown, customFields: CustomField[]): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => sampleCell(t, '', v, customFields)).join(', ');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'object') {
    const label = (k: string) =>
      key === 'consents'
        ? t(`customer.consents.${k}` as 'customer.consents.email_marketing', { defaultValue: k })
        : (customFields.find((cf) => cf.key === k)?.label ?? k);
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${label(k)}: ${sampleCell(t, '', v, customFields)}`)
      .join('; ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
