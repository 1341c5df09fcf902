import type { TFunction } from 'i18next';
import { ApiError } from '@/api/problem';
import i18n from './index';

/**
 * Codes the API sends (RFM segments, consent sources, audit actions, job kinds, import row errors,
 * problem codes) as words in the UI language. An unknown code is shown as it is, and recorded as a
 * missing key by the i18n instrumentation, so the language walk test catches it.
 */
type Loose = (key: string, options?: Record<string, unknown>) => string;

function loose(t: TFunction): Loose {
  return t as unknown as Loose;
}

export function rfmLabel(t: TFunction, segment: string | null | undefined): string {
  return segment ? loose(t)(`rfm.${segment}`, { defaultValue: segment }) : '—';
}

export function consentSourceLabel(t: TFunction, source: string | null | undefined): string {
  if (!source) return '—';
  // Free text from API clients: translate the ones we know, show the rest as written.
  return i18n.exists(`consentSources.${source}`) ? loose(t)(`consentSources.${source}`) : source;
}

export function auditActionLabel(t: TFunction, action: string): string {
  return loose(t)(`history.actions.${action}`, { defaultValue: action });
}

export function jobKindLabel(t: TFunction, kind: string): string {
  return loose(t)(`jobs.kinds.${kind.replace(/\./g, '_')}`, { defaultValue: kind });
}

/** An import row error from its code and the value as written. */
export function importErrorLabel(t: TFunction, code: string, params: { value?: string | null; column?: string | null }): string {
  const key = `importErrors.${code}`;
  if (!i18n.exists(key)) return loose(t)('importErrors.unknown', { code });
  return loose(t)(key, { value: params.value ?? '', column: params.column ?? '' });
}

/** What a toast says about a failed request: the problem's code in the UI language. */
export function problemText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `problems.${error.problem.code}`;
    if (i18n.exists(key)) return loose(t)(key);
    return error.problem.detail ?? error.problem.title;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
