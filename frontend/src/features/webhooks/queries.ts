import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Webhook = S['WebhookOut'];
export type Delivery = S['DeliveryOut'];
/** A subscribable event type or '*', as the spec lists them: a stale picker fails to compile. */
export type EventName = S['WebhookIn']['events'][number];

/** What an endpoint may subscribe to, grouped as the picker shows them (app/events/catalogue.py). */
export const EVENT_GROUPS = {
  customers: ['customer.created', 'customer.updated', 'customer.deleted', 'customer.merged', 'customer.erased'],
  consents: ['consent.granted', 'consent.withdrawn'],
  vouchers: ['voucher.issued', 'voucher.assigned', 'voucher.redeemed', 'voucher.expired', 'voucher.cancelled'],
  transactions: ['transaction.created', 'transaction.refunded'],
  imports: ['import.completed', 'import.failed', 'import.reverted'],
  other: ['export.ready', 'bulk.completed', 'webhook.disabled'],
} as const satisfies Record<string, readonly EventName[]>;
export const ALL_EVENTS: EventName = '*';

export const webhookKeys = {
  all: ['webhooks'] as const,
  deliveries: (id: string, page: number) => ['webhooks', id, 'deliveries', page] as const,
};

const path = (id: string) => ({ params: { path: { webhook_id: id } } });

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.all, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/webhooks', { signal })) });
}

export function useDeliveries(id: string, page: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, page),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/webhooks/{webhook_id}/deliveries', { params: { path: { webhook_id: id }, query: { page, page_size: 20 } }, signal })),
    placeholderData: keepPreviousData,
    // A ping or a replay is sent within a second or two: show its outcome without a reload.
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 2000 : false),
  });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S['WebhookIn']) => unwrap(api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useUpdateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: S['WebhookPatch'] & { id: string }) => unwrap(api.PATCH('/api/v1/webhooks/{webhook_id}', { ...path(id), body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/webhooks/{webhook_id}', path(id))),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useRotateSecret() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{webhook_id}/rotate-secret', path(id))),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function usePing() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{webhook_id}/ping', path(id))),
    onSuccess: (_, id) => qc.invalidateQueries({ queryKey: [...webhookKeys.all, id] }),
  });
}

export function useReplay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: number }) =>
      unwrap(api.POST('/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay', { params: { path: { webhook_id: id, delivery_id: deliveryId } } })),
    onSuccess: (_, { id }) => qc.invalidateQueries({ queryKey: [...webhookKeys.all, id] }),
  });
}
