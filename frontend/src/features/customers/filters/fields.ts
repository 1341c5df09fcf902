import type { TFunction } from 'i18next';
import type { components } from '@/api/schema';
import i18n from '@/i18n';
import type { Condition, FilterNode } from './tree';

export type FieldInfo = components['schemas']['FieldInfo'];

export const RELATIVE_OPS: ReadonlySet<string> = new Set(['in_last', 'not_in_last', 'older_than', 'anniversary_in_next']);
export const LIST_OPS: ReadonlySet<string> = new Set(['in', 'not_in', 'has_any', 'has_all', 'has_none']);

/**
 * One label per field everywhere (columns menu, filter, 360 page): the SPA's own word for a
 * built-in field, the server's labels for custom fields.
 */
export function fieldLabel(field: FieldInfo | undefined, name: string, language: string): string {
  const own = `customer.fields.${name}`;
  if (i18n.exists(own, { lng: language })) return (i18n.t as unknown as (key: string, options: object) => string)(own, { lng: language });
  if (!field) return name;
  return field.labels[language] ?? field.label;
}

const ENUM_KEYS: Record<string, string> = {
  status: 'customer.statuses',
  type: 'customer.types',
  gender: 'customer.genders',
  source: 'customer.sources',
  rfm_segment: 'rfm',
};

export function enumLabel(t: TFunction, field: string, value: string): string {
  const prefix = ENUM_KEYS[field];
  return prefix ? t(`${prefix}.${value}` as 'customer.statuses.active', { defaultValue: value }) : value;
}

export function opLabel(t: TFunction, op: string): string {
  return t(`filter.ops.${op}` as 'filter.ops.eq', { defaultValue: op });
}

function relativeLabel(t: TFunction, value: string): string {
  const m = /^(\d+)([dwmy])$/.exec(value);
  if (!m) return value;
  return t(`filter.units.${m[2] as 'd'}`, { count: Number(m[1]) });
}

function valueText(t: TFunction, c: Condition, field: FieldInfo | undefined): string {
  const v = c.value;
  const one = (x: unknown): string => {
    if (typeof x === 'boolean') return x ? t('common.yes') : t('common.no');
    if (typeof x === 'string') {
      if (RELATIVE_OPS.has(c.op)) return relativeLabel(t, x);
      return field?.type === 'enum' ? enumLabel(t, c.field, x) : x;
    }
    if (typeof x === 'number') return String(x);
    return JSON.stringify(x);
  };
  if (Array.isArray(v)) return c.op === 'between' ? v.map(one).join(' – ') : v.map(one).join(', ');
  return v === undefined || v === null ? '' : one(v);
}

/** A short human sentence for a node, as on the filter chips: `City is Łódź`, `(A OR B)`. */
export function describeNode(
  node: FilterNode,
  fields: ReadonlyMap<string, FieldInfo>,
  t: TFunction,
  language: string,
): string {
  if ('and' in node || 'or' in node) {
    const join = 'and' in node ? t('filter.and') : t('filter.or');
    const parts = ('and' in node ? node.and : node.or).map((n) => describeNode(n, fields, t, language));
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(` ${join} `)})`;
  }
  if ('not' in node) return `${t('filter.not')} ${describeNode(node.not, fields, t, language)}`;
  const field = fields.get(node.field);
  const value = valueText(t, node, field);
  return [fieldLabel(field, node.field, language), opLabel(t, node.op), value].filter(Boolean).join(' ');
}
