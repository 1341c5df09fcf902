import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/features/auth/queries';
import { makeFormatters, type Formatters } from './format';

/**
 * Money, numbers and dates written the way the UI language writes them (no "wczoraj" on an
 * English screen), in the tenant's currency and time zone.
 */
export function useFormatters(): Formatters {
  const { tenant } = useMe();
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => makeFormatters({ locale, currency: tenant.currency, timeZone: tenant.timezone }),
    [locale, tenant.currency, tenant.timezone],
  );
}
