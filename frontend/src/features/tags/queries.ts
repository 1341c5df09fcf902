import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { Tag } from '@/api/types';

export const tagKeys = { all: ['tags'] as const };

export const DEFAULT_TAG_COLOUR = '#228be6';

export function useTags() {
  return useQuery({
    queryKey: tagKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tags', { signal })),
    staleTime: 60_000,
  });
}

/** Tag name → colour, for chips wherever a customer's tag names are shown. */
export function useTagColours(): Map<string, string> {
  const { data } = useTags();
  return useMemo(() => new Map((data ?? []).map((tag: Tag) => [tag.name, tag.colour])), [data]);
}

export function useCreateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; colour: string }) => unwrap(api.POST('/api/v1/tags', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tagKeys.all }),
  });
}

export function useUpdateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; colour?: string }) =>
      unwrap(api.PATCH('/api/v1/tags/{tag_id}', { params: { path: { tag_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tagKeys.all }),
  });
}

export function useDeleteTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/tags/{tag_id}', { params: { path: { tag_id: id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tagKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

/** Create the tags a form introduced, each with the colour picked for it; one that exists already is fine. */
export function useEnsureTags() {
  const queryClient = useQueryClient();
  return async (names: string[], colours: Record<string, string>) => {
    const known = new Set((queryClient.getQueryData<Tag[]>(tagKeys.all) ?? []).map((t) => t.name));
    const fresh = names.filter((n) => !known.has(n));
    for (const name of fresh) {
      const { response, error } = await api.POST('/api/v1/tags', {
        body: { name, colour: colours[name] ?? DEFAULT_TAG_COLOUR },
      });
      if (!response.ok && response.status !== 409) throw new ApiError(response.status, error);
    }
    if (fresh.length > 0) await queryClient.invalidateQueries({ queryKey: tagKeys.all });
  };
}
