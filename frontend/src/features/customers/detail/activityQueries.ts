import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type TimelineItem = components['schemas']['TimelineItem'];
export type Note = components['schemas']['NoteOut'];

const keys = {
  timeline: (id: string) => ['customers', 'timeline', id] as const,
  notes: (id: string) => ['customers', 'notes', id] as const,
};

/** The 360 page's activity: purchases, vouchers, consents, notes and changes, newest first, a page at a time. */
export function useCustomerTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: keys.timeline(customerId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/customers/{customer_id}/timeline', {
          params: { path: { customer_id: customerId }, query: pageParam ? { cursor: pageParam } : {} },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}

export function useCustomerNotes(customerId: string) {
  return useQuery({
    queryKey: keys.notes(customerId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/customers/{customer_id}/notes', { params: { path: { customer_id: customerId } }, signal })),
  });
}

export function useAddNote(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(api.POST('/api/v1/customers/{customer_id}/notes', { params: { path: { customer_id: customerId } }, body: { text } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.notes(customerId) });
      await queryClient.invalidateQueries({ queryKey: keys.timeline(customerId) });
    },
  });
}
