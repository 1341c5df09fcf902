import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type DeskToday = components['schemas']['DeskToday'];
export type TransactionIn = components['schemas']['TransactionIn'];

/** How long unseen counts as lapsed: the choices of the desk's "not seen for" card. */
export const LAPSED_CHOICES = [30, 60, 90, 180, 365] as const;

export function useDeskToday(lapsedDays: number) {
  return useQuery({
    queryKey: ['desk', 'today', lapsedDays],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/desk/today', { params: { query: { lapsed_days: lapsedDays } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Quick search for the desk's "find or add" box and the till: the first few matches, no count. */
export function useQuickFind(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['customers', 'list', 'quick-find', term],
    enabled: term.length >= 2,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/customers', { params: { query: { q: term, page_size: 8, include_total: false } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The till's sale: a purchase on the customer, by id; the aggregates and the desk move with it. */
export function useRecordSale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, amount }: { customerId: string; amount: number }) =>
      unwrap(
        api.POST('/api/v1/transactions', {
          body: { customer: { id: customerId }, amount: amount.toFixed(2), kind: 'purchase' },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: async (tx) => {
      await queryClient.invalidateQueries({ queryKey: ['desk'] });
      await queryClient.invalidateQueries({ queryKey: ['transactions', 'customer', tx.customer_id] });
      await queryClient.invalidateQueries({ queryKey: ['customers', 'summary', tx.customer_id] });
      await queryClient.invalidateQueries({ queryKey: ['customers', 'detail', tx.customer_id] });
    },
  });
}
