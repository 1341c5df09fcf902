import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type ExportRequest = components['schemas']['ExportRequest'];
export type ExportFormat = NonNullable<ExportRequest['format']>;
export type ExportLog = components['schemas']['ExportLogOut'];

export const exportKeys = { all: ['exports'] as const, list: (page: number) => ['exports', 'list', page] as const };

export function useExportLog(page: number) {
  return useQuery({
    queryKey: exportKeys.list(page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/exports', { params: { query: { page, page_size: 20 } }, signal })),
    placeholderData: keepPreviousData,
  });
}

function fileNameOf(response: Response, format: ExportFormat): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match?.[1] ? decodeURIComponent(match[1]) : `customers.${format}`;
}

/** Hand a blob to the browser as a download, under the name the server chose. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export (streamed by the API), then save the file; the export is logged on the server. */
export function useExportCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ExportRequest) => {
      const { data, error, response } = await api.POST('/api/v1/customers/export', { body, parseAs: 'blob' });
      if (!response.ok || !data) throw new ApiError(response.status, error);
      saveBlob(data, fileNameOf(response, body.format));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exportKeys.all }),
  });
}
