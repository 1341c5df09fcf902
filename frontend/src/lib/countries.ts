import { PHONE_COUNTRIES, type CountryCode } from './phone';

/** Countries people here usually pick, first in the list; the rest follow alphabetically. */
const COMMON: CountryCode[] = ['PL', 'UA', 'DE', 'CZ', 'SK', 'LT', 'GB', 'US'];

export interface CountryOption {
  value: CountryCode;
  label: string;
}

export function countryOptions(language: string): CountryOption[] {
  const names = new Intl.DisplayNames([language], { type: 'region' });
  const label = (code: CountryCode) => names.of(code) ?? code;
  const rest = PHONE_COUNTRIES.filter((c) => !COMMON.includes(c))
    .map((c) => ({ value: c, label: label(c) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  return [...COMMON.map((c) => ({ value: c, label: label(c) })), ...rest];
}
