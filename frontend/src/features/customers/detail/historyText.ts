import type { TFunction } from 'i18next';
import type { Formatters } from '@/lib/format';
import { formatPhone } from '@/lib/phone';
import { consentSourceLabel } from '@/i18n/codes';
import { enumLabel } from '../filters/fields';

type Loose = (key: string, options?: Record<string, unknown>) => string;

/** One change of a history entry as a sentence a person reads, not a field key and JSON. */
export function changeLines(t: TFunction, fmt: Formatters, changes: Record<string, unknown> | null | undefined): string[] {
  const tt = t as unknown as Loose;
  if (!changes) return [];
  const field = (key: string) => tt(`customer.fields.${key}`, { defaultValue: key });
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return tt('history.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.length === 0 ? tt('history.empty') : value.map((v) => show(key, v)).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (key === 'phone') return formatPhone(text);
    if (/_at$|_date$/.test(key)) return key.endsWith('_date') ? fmt.date(text) : fmt.dateTime(text);
    if (['status', 'type', 'gender', 'source'].includes(key)) return enumLabel(t, key, text);
    return text;
  };
  const lines: string[] = [];
  for (const [key, pair] of Object.entries(changes)) {
    const [before, after] = Array.isArray(pair) && pair.length === 2 ? (pair as [unknown, unknown]) : [undefined, pair];
    if (key === 'consents' || key === 'custom_fields') {
      const was = (before ?? {}) as Record<string, unknown>;
      const now = (after ?? {}) as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (JSON.stringify(was[sub]) === JSON.stringify(now[sub])) continue;
        if (key === 'consents') {
          const state = now[sub];
          const granted = typeof state === 'object' && state !== null ? (state as { granted?: boolean }).granted : state;
          const source = typeof state === 'object' && state !== null ? (state as { source?: string }).source : undefined;
          const channel = tt(`customer.consents.${sub}`, { defaultValue: sub });
          const line = tt(granted ? 'history.consentGranted' : 'history.consentWithdrawn', { channel });
          lines.push(source ? `${line} (${consentSourceLabel(t, source)})` : line);
        } else {
          lines.push(tt('history.changed', { field: sub, from: show(sub, was[sub]), to: show(sub, now[sub]) }));
        }
      }
      continue;
    }
    if (key === 'tags' && Array.isArray(before) && Array.isArray(after)) {
      const added = (after as string[]).filter((x) => !(before as string[]).includes(x));
      const removed = (before as string[]).filter((x) => !(after as string[]).includes(x));
      if (added.length) lines.push(tt('history.tagsAdded', { tags: added.join(', ') }));
      if (removed.length) lines.push(tt('history.tagsRemoved', { tags: removed.join(', ') }));
      continue;
    }
    const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (blank(before) && blank(after)) continue;
    if (blank(before)) lines.push(tt('history.set', { field: field(key), to: show(key, after) }));
    else if (blank(after)) lines.push(tt('history.cleared', { field: field(key), from: show(key, before) }));
    else lines.push(tt('history.changed', { field: field(key), from: show(key, before), to: show(key, after) }));
  }
  return lines;
}

/** Who did it: "by Ewa", "by an import", "by the system". */
export function actorText(t: TFunction, actorType: string, actorLabel: string | null | undefined): string {
  const tt = t as unknown as Loose;
  if (actorType === 'user' && actorLabel) return tt('history.byUser', { who: actorLabel });
  if (actorType === 'api_key') return tt('history.byApi', { who: actorLabel ?? '' });
  return tt(`history.by.${actorType}`, { defaultValue: actorLabel ?? actorType });
}
