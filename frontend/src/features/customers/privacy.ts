import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import { saveBlob } from '@/features/exports/queries';
import { customerKeys } from './queries';

export type PersonalDataFormat = 'json' | 'zip';

/** The person's access/portability request: everything held about them, as the server logs it. */
export function useDownloadPersonalData() {
  return useMutation({
    mutationFn: async ({ id, format }: { id: string; format: PersonalDataFormat }) => {
      const { data, error, response } = await api.GET('/api/v1/customers/{customer_id}/personal-data', {
        params: { path: { customer_id: id }, query: { format } },
        parseAs: 'blob',
      });
      if (!response.ok || !data) throw new ApiError(response.status, error);
      saveBlob(data, `personal-data-${id}.${format}`);
    },
  });
}

/** Erasure at the person's request: the identity goes, the amounts stay on a tombstone. */
export function useEraseCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/customers/{customer_id}/erase', { params: { path: { customer_id: id } } })),
    onSuccess: async (_data, id) => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}
