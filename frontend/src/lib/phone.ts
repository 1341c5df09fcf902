import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export type { CountryCode };

export const PHONE_COUNTRIES: readonly CountryCode[] = getCountries();

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && (PHONE_COUNTRIES as readonly string[]).includes(value);
}

export function callingCode(country: CountryCode): string {
  return `+${getCountryCallingCode(country)}`;
}

/** The number as E.164 when it parses (with the chosen country for local spellings), else as typed. */
export function toE164(raw: string, country: CountryCode): string {
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.number ?? raw.trim();
}

export function isPlausiblePhone(raw: string, country: CountryCode): boolean {
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.isPossible() ?? false;
}

/** Split a stored E.164 number into the country picker's value and a readable national form. */
export function splitPhone(e164: string | null | undefined, fallback: CountryCode): { country: CountryCode; national: string } {
  if (!e164) return { country: fallback, national: '' };
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { country: fallback, national: e164 };
  return { country: parsed.country ?? fallback, national: parsed.country ? parsed.formatNational() : parsed.formatInternational() };
}

/**
 * A stored number as people read it: `+48790554330` → `+48 790 554 330`. Every screen that shows
 * a phone uses this one helper; what does not parse is shown as stored.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '';
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}
