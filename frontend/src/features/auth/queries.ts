import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { SessionMe } from '@/api/types';

export const authKeys = {
  me: ['auth', 'me'] as const,
};

/** Who is signed in; `null` when nobody is (a 401 is an answer here, not an error). */
export const meQueryOptions = queryOptions({
  queryKey: authKeys.me,
  queryFn: async (): Promise<SessionMe | null> => {
    const { data, error, response } = await api.GET('/api/v1/auth/me');
    if (response.status === 401) return null;
    if (!response.ok || !data) throw new ApiError(response.status, error);
    const { user } = data;
    return user ? { ...data, user } : null;
  },
  staleTime: 5 * 60_000,
  retry: false,
});

/** The signed-in user and tenant; only used below the authenticated layout, which guarantees them. */
export function useMe(): SessionMe {
  const { data } = useSuspenseQuery(meQueryOptions);
  if (!data) throw new Error('useMe() used outside the authenticated layout');
  return data;
}

export interface LoginInput {
  email: string;
  password: string;
  tenant?: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.query(meQueryOptions);
    },
  });
}

/** Whether the signed-in user may do what a scope allows (`admin` implies every scope). */
export function useCan(scope: string): boolean {
  const { scopes } = useMe();
  return scopes.includes(scope) || scopes.includes('admin');
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
    },
  });
}
