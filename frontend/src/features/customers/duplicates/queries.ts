import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type ContactMatch = components['schemas']['ContactMatch'];

/** Other customers holding the phone or email being typed (the one being edited left out). */
export function useContactMatches(phone: string, email: string, excludeId?: string) {
  const enabled = phone.replace(/\D/g, '').length >= 6 || /.+@.+\..+/.test(email);
  return useQuery({
    queryKey: ['customers', 'contact-matches', phone, email, excludeId ?? null],
    enabled,
    staleTime: 10_000,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/customers/contact-matches', {
          params: { query: { phone: phone || null, email: email || null, exclude_id: excludeId ?? null } },
          signal,
        }),
      ),
  });
}
