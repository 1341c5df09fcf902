import { useMemo } from 'react';
import { useMe } from '@/features/auth/queries';
import { makeFormatters, type Formatters } from './format';

/** Money, numbers and dates in the tenant's locale, currency and time zone. */
export function useFormatters(): Formatters {
  const { tenant } = useMe();
  return useMemo(
    () => makeFormatters({ locale: tenant.locale, currency: tenant.currency, timeZone: tenant.timezone }),
    [tenant.locale, tenant.currency, tenant.timezone],
  );
}
