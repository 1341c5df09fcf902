import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { components } from '@/api/schema';
import { readCsrfToken } from '@/lib/cookies';

export type Import = components['schemas']['ImportOut'];
export type ImportMapping = components['schemas']['Mapping'];
export type ImportStatus = Import['status'];
export type ImportError = components['schemas']['ImportErrorOut'];

/** While an import is in one of these, its progress changes on the server. */
export const RUNNING: ReadonlySet<ImportStatus> = new Set(['validating', 'committing', 'reverting']);

export const importKeys = {
  all: ['imports'] as const,
  list: (page: number) => [...importKeys.all, 'list', page] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
  errors: (id: string, page: number, group?: ErrorGroupKey | null) => [...importKeys.all, 'errors', id, page, group ?? null] as const,
  errorGroups: (id: string) => [...importKeys.all, 'errors', id, 'groups'] as const,
};

export function useImports(page: number) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.list(page),
    queryFn: async ({ signal }) => {
      const before = queryClient.getQueryData<{ items: Import[] }>(importKeys.list(page));
      const data = await unwrap(api.GET('/api/v1/imports', { params: { query: { page, page_size: 10 } }, signal }));
      // A revert runs as a job: once one finishes, the customers it removed leave the lists.
      const reverted = data.items.some(
        (i) => i.status === 'reverted' && before?.items.find((b) => b.id === i.id)?.status === 'reverting',
      );
      if (reverted) void queryClient.invalidateQueries({ queryKey: ['customers'] });
      return data;
    },
    placeholderData: keepPreviousData,
    // An import still validating or committing (here or in another tab) changes status on the server.
    refetchInterval: (q) => (q.state.data?.items.some((i) => RUNNING.has(i.status)) ? 2000 : false),
  });
}

/** `poll` is the fallback when the event stream cannot be used. */
export function useImport(id: string | undefined, poll: boolean) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/imports/{import_id}', { params: { path: { import_id: id ?? '' } }, signal })),
    refetchInterval: (q) => (poll && q.state.data && RUNNING.has(q.state.data.status) ? 1000 : false),
  });
}

/** One kind of problem in one column: a group of `GET …/errors/groups`. */
export interface ErrorGroupKey {
  code: string;
  column: string | null;
}

export function useImportErrorGroups(id: string) {
  return useQuery({
    queryKey: importKeys.errorGroups(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/imports/{import_id}/errors/groups', { params: { path: { import_id: id } }, signal })),
  });
}

export function useImportErrors(id: string, page: number, pageSize = 20, group: ErrorGroupKey | null = null) {
  return useQuery({
    queryKey: importKeys.errors(id, page, group),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/imports/{import_id}/errors', {
          params: {
            path: { import_id: id },
            query: { page, page_size: pageSize, ...(group ? { code: group.code, ...(group.column ? { column: group.column } : {}) } : {}) },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function errorsCsvUrl(id: string): string {
  return `/api/v1/imports/${id}/errors.csv`;
}

/**
 * openapi-fetch cannot report upload progress; XMLHttpRequest can. The body is the same multipart
 * `file` the spec describes, and the response is checked against the same problem shape.
 */
export function uploadImport(file: File, onProgress: (percent: number) => void): Promise<Import> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    xhr.responseType = 'json';
    const token = readCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(xhr.response as Import);
      else reject(new ApiError(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new Error('Network error'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

type Action = 'preview' | 'commit' | 'cancel' | 'revert';

function runAction(id: string, action: Action): Promise<Import> {
  const params = { params: { path: { import_id: id } } };
  switch (action) {
    case 'preview':
      return unwrap(api.POST('/api/v1/imports/{import_id}/preview', params));
    case 'commit':
      return unwrap(api.POST('/api/v1/imports/{import_id}/commit', params));
    case 'cancel':
      return unwrap(api.POST('/api/v1/imports/{import_id}/cancel', params));
    case 'revert':
      return unwrap(api.POST('/api/v1/imports/{import_id}/revert', params));
  }
}

export function useImportAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: Action }) => runAction(id, action),
    onSuccess: async (imp) => {
      queryClient.setQueryData(importKeys.detail(imp.id), imp);
      await queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'list'] });
      if (imp.status === 'reverted') await queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

export type FileSettings = components['schemas']['FileSettings'];

/** Read the CSV again with another encoding or delimiter than detected. */
export function useSetFileSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, settings }: { id: string; settings: FileSettings }) =>
      unwrap(api.PUT('/api/v1/imports/{import_id}/settings', { params: { path: { import_id: id } }, body: settings })),
    onSuccess: (imp) => queryClient.setQueryData(importKeys.detail(imp.id), imp),
  });
}

export function useSetMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mapping }: { id: string; mapping: ImportMapping }) =>
      unwrap(api.PUT('/api/v1/imports/{import_id}/mapping', { params: { path: { import_id: id } }, body: mapping })),
    onSuccess: (imp) => queryClient.setQueryData(importKeys.detail(imp.id), imp),
  });
}
