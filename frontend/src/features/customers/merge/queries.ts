import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { MergeRequest } from '@/api/types';
import { customerKeys } from '../queries';

/** Customers to merge with: a quick search, the customer on screen left out. */
export function useMergeCandidates(q: string, excludeId: string) {
  return useQuery({
    queryKey: customerKeys.list({ page: 1, page_size: 10, q }),
    enabled: q.trim().length >= 2,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/customers', { params: { query: { q, page: 1, page_size: 10 } }, signal })),
    select: (page) => page.items.filter((c) => c.id !== excludeId),
    placeholderData: keepPreviousData,
  });
}

/** What the merge would produce, written nowhere (`dry_run`). */
export function useMergePreview(body: Omit<MergeRequest, 'dry_run'> | null) {
  return useQuery({
    queryKey: [...customerKeys.all, 'merge-preview', body],
    enabled: body !== null,
    queryFn: ({ signal }) => unwrap(api.POST('/api/v1/customers/merge', { body: { ...(body as MergeRequest), dry_run: true }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useMergeCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<MergeRequest, 'dry_run'>) => unwrap(api.POST('/api/v1/customers/merge', { body: { ...body, dry_run: false } })),
    onSuccess: async (_result, body) => {
      for (const id of body.source_ids) queryClient.removeQueries({ queryKey: customerKeys.detail(id) });
      // The kept customer's record, aggregates, history, vouchers and transactions all changed.
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['vouchers'] });
    },
  });
}
