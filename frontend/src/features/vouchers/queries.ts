import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Voucher = components['schemas']['VoucherWithRedemptions'];
export type VoucherOut = components['schemas']['VoucherOut'];
export type VoucherCreate = components['schemas']['VoucherCreate'];
export type Transaction = components['schemas']['TransactionOut'];

export const voucherKeys = {
  all: ['vouchers'] as const,
  customer: (customerId: string, page: number) => [...voucherKeys.all, 'customer', customerId, page] as const,
  transactions: (customerId: string, page: number) => ['transactions', 'customer', customerId, page] as const,
  summary: (customerId: string) => ['customers', 'summary', customerId] as const,
};

export function useCustomerVouchers(customerId: string, page: number) {
  return useQuery({
    queryKey: voucherKeys.customer(customerId, page),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/customers/{customer_id}/vouchers', {
          params: { path: { customer_id: customerId }, query: { page, page_size: 20 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerTransactions(customerId: string, page: number) {
  return useQuery({
    queryKey: voucherKeys.transactions(customerId, page),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/customers/{customer_id}/transactions', {
          params: { path: { customer_id: customerId }, query: { page, page_size: 25 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The 360 header's figures: the customer's aggregates, active vouchers, last transactions. */
export function useCustomerSummary(customerId: string) {
  return useQuery({
    queryKey: voucherKeys.summary(customerId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/customers/{customer_id}/summary', { params: { path: { customer_id: customerId } }, signal })),
  });
}

/** After a voucher changes, the customer's aggregates (vouchers assigned, amount used) change too. */
async function invalidateCustomer(queryClient: ReturnType<typeof useQueryClient>, customerId: string | null | undefined) {
  await queryClient.invalidateQueries({ queryKey: voucherKeys.all });
  if (customerId) {
    await queryClient.invalidateQueries({ queryKey: voucherKeys.summary(customerId) });
    await queryClient.invalidateQueries({ queryKey: ['customers', 'detail', customerId] });
  }
  await queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
}

export function useCreateVoucher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VoucherCreate) => unwrap(api.POST('/api/v1/vouchers', { body })),
    onSuccess: (v) => invalidateCustomer(queryClient, v.customer_id),
  });
}

export function useRedeemVoucher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, amount, purchaseAmount }: { code: string; amount?: number; purchaseAmount?: number }) =>
      unwrap(
        api.POST('/api/v1/vouchers/{code}/redeem', {
          params: { path: { code } },
          body: { amount: amount ?? null, purchase_amount: purchaseAmount ?? null },
        }),
      ),
    onSuccess: (r) => invalidateCustomer(queryClient, r.voucher.customer_id),
  });
}

/** Undo the voucher's last redemption while the tenant's window lasts: the balance comes back. */
export function useUndoRedemption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, redemptionId }: { code: string; redemptionId: string; customerId: string | null }) =>
      unwrap(
        api.POST('/api/v1/vouchers/{code}/redemptions/{redemption_id}/undo', {
          params: { path: { code, redemption_id: redemptionId } },
        }),
      ),
    onSuccess: (_r, v) => invalidateCustomer(queryClient, v.customerId),
  });
}

export function useCancelVoucher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/vouchers/{code}/cancel', { params: { path: { code } } })),
    onSuccess: (v) => invalidateCustomer(queryClient, v.customer_id),
  });
}
