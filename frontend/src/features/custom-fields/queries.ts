import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export const customFieldKeys = { all: ['custom-fields'] as const };

export function useCustomFields() {
  return useQuery({
    queryKey: customFieldKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/custom-fields', { signal })),
    staleTime: 5 * 60_000,
  });
}

export function useCreateCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CustomFieldIn']) => unwrap(api.POST('/api/v1/custom-fields', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
}

export function useDeleteCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/custom-fields/{field_id}', { params: { path: { field_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
}
