import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Segment = components['schemas']['SegmentOut'];
export type SegmentIn = components['schemas']['SegmentIn'];
export type SegmentPatch = components['schemas']['SegmentPatch'];

export const segmentKeys = { all: ['segments'] as const };

export function useSegments() {
  return useQuery({
    queryKey: segmentKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/segments', { signal })),
    staleTime: 30_000,
  });
}

/** One segment's member count, asked for on its own: the list carries none (each is a query). */
export function useSegmentCount(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...segmentKeys.all, id, 'count'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/segments/{segment_id}/count', { params: { path: { segment_id: id } }, signal })),
    staleTime: 30_000,
  });
}

export function useCreateSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SegmentIn) => unwrap(api.POST('/api/v1/segments', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentKeys.all }),
  });
}

/** Change the fields given: the saved view ("save changes"), or the name and description. */
export function useUpdateSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: SegmentPatch }) =>
      unwrap(api.PATCH('/api/v1/segments/{segment_id}', { params: { path: { segment_id: id } }, body: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentKeys.all }),
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/segments/{segment_id}', { params: { path: { segment_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: segmentKeys.all }),
  });
}
