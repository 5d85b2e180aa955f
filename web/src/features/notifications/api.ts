import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';
import { useI18n } from '@/lib/i18n';

export type Notification = Schemas['Notification'];

export const notificationKeys = { all: ['notifications'] as const, inLanguage: (locale: string) => ['notifications', locale] as const };

/** Worded by the server in the app's language (Accept-Language): switching it fetches the list anew. */
export function useNotifications() {
  const { locale } = useI18n();
  return useQuery({
    queryKey: notificationKeys.inLanguage(locale),
    queryFn: () => api<ResponseOf<'listNotifications'>>('/notifications'),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
