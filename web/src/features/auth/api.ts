import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api, ApiError } from '@/lib/http';

export type User = Schemas['User'];

export const authKeys = { me: ['me'] as const };

/** The logged-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async () => {
      try {
        return await api<User>('/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'logIn'>) => api<ResponseOf<'logIn'>>('/auth/login', { method: 'POST', body }),
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(authKeys.me, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(authKeys.me, null);
    },
  });
}

export function useSetMyLocale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (locale: BodyOf<'updateMe'>['locale']) => api<ResponseOf<'updateMe'>>('/me', { method: 'PATCH', body: { locale } }),
    onSuccess: (user) => qc.setQueryData(authKeys.me, user),
  });
}
