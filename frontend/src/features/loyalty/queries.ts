import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Points = components['schemas']['PointsOut'];
export type LedgerEntry = components['schemas']['EntryOut'];

export const pointsKeys = {
  all: (customerId: string) => ['customers', 'points', customerId] as const,
  summary: (customerId: string) => [...pointsKeys.all(customerId), 'summary'] as const,
  ledger: (customerId: string, cursor: string | null) => [...pointsKeys.all(customerId), 'ledger', cursor] as const,
};

export const LEDGER_PAGE = 20;

export function usePoints(customerId: string) {
  return useQuery({
    queryKey: pointsKeys.summary(customerId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/customers/{customer_id}/points', { params: { path: { customer_id: customerId } }, signal })),
  });
}

/** One page of the ledger, newest first; `cursor` is what the previous page gave (null: the first). */
export function useLedger(customerId: string, cursor: string | null) {
  return useQuery({
    queryKey: pointsKeys.ledger(customerId, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/customers/{customer_id}/points/ledger', {
          params: { path: { customer_id: customerId }, query: { limit: LEDGER_PAGE, ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** A move of points changes the balance, the ledger and the customer's header figures. */
function useInvalidate(customerId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: pointsKeys.all(customerId) });
    await queryClient.invalidateQueries({ queryKey: ['customers', 'detail', customerId] });
    await queryClient.invalidateQueries({ queryKey: ['customers', 'summary', customerId] });
  };
}

export function useAdjustPoints(customerId: string) {
  const invalidate = useInvalidate(customerId);
  return useMutation({
    mutationFn: (body: { points: number; reason: string }) =>
      unwrap(api.POST('/api/v1/customers/{customer_id}/points/adjust', { params: { path: { customer_id: customerId } }, body })),
    onSuccess: invalidate,
  });
}

/** Redeem with an idempotency key fixed per dialog: a retried click takes nothing twice. */
export function useRedeemPoints(customerId: string) {
  const invalidate = useInvalidate(customerId);
  return useMutation({
    mutationFn: ({ key, ...body }: { points: number; purchase_amount?: number; key: string }) =>
      unwrap(
        api.POST('/api/v1/customers/{customer_id}/points/redeem', {
          params: { path: { customer_id: customerId }, header: { 'idempotency-key': key } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}
