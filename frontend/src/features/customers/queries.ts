import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { Customer, CustomerCreate, CustomerPatch, SearchPage } from '@/api/types';
import type { FilterNode } from './filters/tree';

export interface CustomerListParams {
  page: number;
  page_size: number;
  sort?: string;
  q?: string;
  filter?: FilterNode;
}

/** What a count depends on: the view's filter and quick search, not its page or sort. */
export type CustomerCountParams = Pick<CustomerListParams, 'q' | 'filter'>;

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (params: CustomerListParams) => [...customerKeys.lists(), params] as const,
  // Under `lists()`: whatever refreshes the lists refreshes their counts.
  count: (params: CustomerCountParams) => [...customerKeys.lists(), 'count', params] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  history: (id: string, page: number) => [...customerKeys.all, 'history', id, page] as const,
};

/**
 * One page of the list, without its total: counting runs the search a second time, so the rows
 * come back first and the count (`customerCountQueryOptions`) follows in parallel.
 * Shared by the table and by the search box's early start.
 */
export function customerListQueryOptions(params: CustomerListParams) {
  return queryOptions({
    queryKey: customerKeys.list(params),
    queryFn: async ({ signal }) => {
      const { filter, ...query } = params;
      // A filter tree goes in a body; without one the plain GET is enough.
      if (!filter) return unwrap(api.GET('/api/v1/customers', { params: { query: { ...query, include_total: false } }, signal }));
      // No `fields` in the body: the answer is a whole SearchPage, not the fields-only one.
      const page: SearchPage = (await unwrap(
        api.POST('/api/v1/customers/search', { body: { ...query, filter: { ...filter }, include_total: false }, signal }),
      )) as SearchPage;
      return { ...page, page: page.page ?? params.page };
    },
  });
}

export function useCustomerList(params: CustomerListParams) {
  return useQuery({
    ...customerListQueryOptions(params),
    // Keep the previous page on screen while the next one loads: no flicker while typing.
    // A response for an older search lands under its own key and is never shown over a newer one.
    placeholderData: keepPreviousData,
  });
}

export function customerCountQueryOptions({ q, filter }: CustomerCountParams) {
  const params: CustomerCountParams = { ...(q ? { q } : {}), ...(filter ? { filter } : {}) };
  return queryOptions({
    queryKey: customerKeys.count(params),
    queryFn: ({ signal }) =>
      filter
        ? unwrap(api.POST('/api/v1/customers/search/count', { body: { q, filter: { ...filter } }, signal }))
        : unwrap(api.GET('/api/v1/customers/count', { params: { query: { q } }, signal })),
  });
}

/** How many customers the view matches; the previous view's count stays until the new one arrives. */
export function useCustomerCount(params: CustomerCountParams, enabled = true) {
  return useQuery({ ...customerCountQueryOptions(params), placeholderData: keepPreviousData, enabled });
}

/** The filterable and sortable fields, with labels in three languages: the filter builder's menu. */
export function useCustomerFields() {
  return useQuery({
    queryKey: [...customerKeys.all, 'fields'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/customers/fields', { signal })),
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });
}

export interface CustomerWithEtag {
  customer: Customer;
  etag: string | null;
}

export function customerQueryOptions(id: string) {
  return queryOptions({
    queryKey: customerKeys.detail(id),
    queryFn: async ({ signal }): Promise<CustomerWithEtag> => {
      const { data, error, response } = await api.GET('/api/v1/customers/{customer_id}', {
        params: { path: { customer_id: id } },
        signal,
      });
      if (!response.ok || !data) throw new ApiError(response.status, error);
      return { customer: data, etag: response.headers.get('ETag') };
    },
  });
}

export function useCustomer(id: string) {
  return useQuery(customerQueryOptions(id));
}

export function useCustomerHistory(id: string, page: number) {
  return useQuery({
    queryKey: customerKeys.history(id, page),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/customers/{customer_id}/history', {
          params: { path: { customer_id: id }, query: { page, page_size: 25 } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, allowDuplicate = false }: { body: CustomerCreate; allowDuplicate?: boolean }) =>
      unwrap(api.POST('/api/v1/customers', { body, params: { query: { allow_duplicate: allowDuplicate } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
      await queryClient.invalidateQueries({ queryKey: ['tags'] });
    },
  });
}

export interface UpdateCustomerInput {
  id: string;
  patch: CustomerPatch;
  /** The ETag read with the record; the API refuses the write (412) if someone changed it since. */
  etag?: string | null;
  /** Save although the phone or email belongs to someone else (the user chose "save anyway"). */
  allowDuplicate?: boolean;
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch, etag, allowDuplicate = false }: UpdateCustomerInput): Promise<CustomerWithEtag> => {
      const { data, error, response } = await api.PATCH('/api/v1/customers/{customer_id}', {
        params: {
          path: { customer_id: id },
          query: { allow_duplicate: allowDuplicate },
          header: etag ? { 'if-match': etag } : {},
        },
        body: patch,
      });
      if (!response.ok || !data) throw new ApiError(response.status, error);
      return { customer: data, etag: response.headers.get('ETag') };
    },
    onSuccess: async (result) => {
      queryClient.setQueryData(customerKeys.detail(result.customer.id), result);
      await queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
      await queryClient.invalidateQueries({ queryKey: [...customerKeys.all, 'history', result.customer.id] });
      await queryClient.invalidateQueries({ queryKey: ['tags'] });
    },
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/customers/{customer_id}', { params: { path: { customer_id: id } } })),
    onSuccess: async (_data, id) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

export function customerName(c: Pick<Customer, 'first_name' | 'last_name' | 'company_name' | 'email' | 'phone'>) {
  const person = [c.first_name, c.last_name].filter(Boolean).join(' ');
  return person || c.company_name || c.email || c.phone || '—';
}

/** Change only the status (row menu, 360 header); reads the current ETag first so If-Match holds. */
export function useSetCustomerStatus() {
  const queryClient = useQueryClient();
  const update = useUpdateCustomer();
  return useMutation({
    mutationFn: async ({ id, status }: { id: string; status: Customer['status'] }) => {
      const { etag } = await queryClient.query({ ...customerQueryOptions(id), staleTime: 0 });
      return update.mutateAsync({ id, patch: { status }, etag });
    },
  });
}
