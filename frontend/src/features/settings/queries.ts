import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';
import { authKeys } from '@/features/auth/queries';

type S = components['schemas'];
export type UserRow = S['UserOut'];
export type ApiKey = S['ApiKeyOut'];

export const ROLES = ['owner', 'admin', 'staff', 'viewer'] as const;
export const SCOPES = ['customers:read', 'customers:write', 'customers:delete_bulk', 'imports', 'vouchers', 'exports', 'admin'] as const;

export const settingsKeys = {
  users: ['users'] as const,
  apiKeys: ['api-keys'] as const,
  tenant: ['tenant'] as const,
};

export function useUsers() {
  return useQuery({ queryKey: settingsKeys.users, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users', { signal })) });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S['UserCreate']) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: S['UserPatch'] & { id: string }) =>
      unwrap(api.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: settingsKeys.apiKeys, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/api-keys', { signal })) });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S['ApiKeyCreate']) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{key_id}', { params: { path: { key_id: id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
  });
}

export function useTenant() {
  return useQuery({ queryKey: settingsKeys.tenant, queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tenant', { signal })) });
}

/** The tenant's locale, currency and time zone format every number and date: refresh "me" too. */
export function useUpdateTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: S['TenantPatch']) => unwrap(api.PATCH('/api/v1/tenant', { body })),
    onSuccess: async (tenant) => {
      qc.setQueryData(settingsKeys.tenant, tenant);
      await qc.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}
