import type { TFunction } from 'i18next';
import type { CustomField } from '@/api/types';

/** The customer fields a file column can fill (the API's `app/imports/mapping.py` FIELDS). */
export const FIELD_TARGETS = [
  'full_name', 'first_name', 'last_name', 'middle_name', 'company_name', 'tax_id', 'external_id', 'email', 'phone',
  'birth_date', 'gender', 'country', 'city', 'street', 'building', 'apartment', 'postal_code', 'notes', 'card', 'opening_points',
  'tags',
] as const;

export const CONSENT_CHANNELS = ['email_marketing', 'sms_marketing', 'push_marketing', 'data_processing'] as const;

export const DEDUPE_KEYS = ['email', 'phone', 'external_id', 'card'] as const;
export const ON_DUPLICATE = ['skip', 'update', 'fill_empty'] as const;

/** The value of a select meaning "leave this column out" (the API's null). */
export const IGNORE = '__ignore__';

export interface TargetGroup {
  group: string;
  items: { value: string; label: string }[];
}

export function targetOptions(t: TFunction, customFields: CustomField[]): TargetGroup[] {
  const fieldLabel = (f: string) =>
    f === 'full_name' || f === 'card' || f === 'opening_points'
      ? t(`imports.targets.${f}`)
      : t(`customer.fields.${f}` as 'customer.fields.email');
  const groups: TargetGroup[] = [
    { group: t('imports.targets.ignoreGroup'), items: [{ value: IGNORE, label: t('imports.targets.ignore') }] },
    { group: t('imports.targets.fields'), items: FIELD_TARGETS.map((f) => ({ value: f, label: fieldLabel(f) })) },
    {
      group: t('customer.sections.consents'),
      items: CONSENT_CHANNELS.map((c) => ({ value: `consents.${c}`, label: t(`customer.consents.${c}`) })),
    },
  ];
  if (customFields.length > 0) {
    groups.push({
      group: t('customer.sections.customFields'),
      items: customFields.map((cf) => ({ value: `cf.${cf.key}`, label: cf.label })),
    });
  }
  return groups;
}

/** Two columns may not fill one field: the targets used more than once. */
export function duplicateTargets(columns: Record<string, string | null>): Set<string> {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const target of Object.values(columns)) {
    if (!target) continue;
    if (seen.has(target)) dupes.add(target);
    seen.add(target);
  }
  return dupes;
}
