import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';

export const userKeys = { all: ['users'] as const, roles: ['roles'] as const };

/** Everyone who can own tickets is listed here (GET /users is open to the service desk). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: userKeys.all, queryFn: () => api<ResponseOf<'listUsers'>>('/users'), enabled, staleTime: 5 * 60_000 });
}
export function useRoles() {
  return useQuery({ queryKey: userKeys.roles, queryFn: () => api<ResponseOf<'listRoles'>>('/roles'), staleTime: Infinity });
}

export type UserCreate = BodyOf<'createUser'>;
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api<ResponseOf<'createUser'>>('/users', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
export function usePatchUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: BodyOf<'updateUser'> }) => api<ResponseOf<'updateUser'>>(`/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export type ApiToken = Schemas['ApiToken'];
const tokenKey = (userId: string) => ['users', userId, 'api-tokens'] as const;
/** A user's API tokens (admins only); the secret is never listed, only shown once at creation. */
export function useApiTokens(userId: string) {
  return useQuery({ queryKey: tokenKey(userId), queryFn: () => api<ResponseOf<'listApiTokens'>>(`/users/${userId}/api-tokens`) });
}
export function useCreateApiToken(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createApiToken'>) => api<ResponseOf<'createApiToken'>>(`/users/${userId}/api-tokens`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKey(userId) }),
  });
}
export function useRevokeApiToken(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api<null>(`/users/${userId}/api-tokens/${tokenId}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKey(userId) }),
  });
}
