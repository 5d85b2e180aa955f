import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '@/features/auth/api';
import { api } from '@/lib/http';
import type { Role } from '@/lib/labels';

export const userKeys = { all: ['users'] as const, roles: ['roles'] as const };

/** Everyone who can own tickets is listed here (GET /users is open to the service desk). */
export function useUsers(enabled = true) {
  return useQuery({ queryKey: userKeys.all, queryFn: () => api<{ items: User[] }>('/users'), enabled, staleTime: 5 * 60_000 });
}
export function useRoles() {
  return useQuery({ queryKey: userKeys.roles, queryFn: () => api<{ items: Role[] }>('/roles'), staleTime: Infinity });
}

export interface UserCreate {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  team?: string | null;
  locale?: 'zh-CN' | 'en';
}
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api<User>('/users', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
export function usePatchUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<{ displayName: string; role: Role; team: string | null; active: boolean; password: string }> }) =>
      api<User>(`/users/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}
const tokenKey = (userId: string) => ['users', userId, 'api-tokens'] as const;
/** A user's API tokens (admins only); the secret is never listed, only shown once at creation. */
export function useApiTokens(userId: string) {
  return useQuery({ queryKey: tokenKey(userId), queryFn: () => api<{ items: ApiToken[] }>(`/users/${userId}/api-tokens`) });
}
export function useCreateApiToken(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresAt: string | null }) => api<{ id: string; name: string; token: string }>(`/users/${userId}/api-tokens`, { method: 'POST', body }),
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
