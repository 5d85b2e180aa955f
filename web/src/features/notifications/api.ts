import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
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

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<ResponseOf<'markAllNotificationsRead'>>('/notifications/read-all', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export interface NotificationGroup {
  /** The newest of the group: what the list shows. */
  latest: Notification;
  items: Notification[];
  unread: number;
}

/** One row per ticket (news about the same ticket is one story); notifications without a ticket stay alone. */
export function groupByTicket(items: Notification[]): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const n of items) {
    const key = n.ticketId ?? `n${n.id}`;
    const g = groups.get(key);
    if (g) {
      g.items.push(n);
      if (!n.readAt) g.unread++;
    } else groups.set(key, { latest: n, items: [n], unread: n.readAt ? 0 : 1 });
  }
  return [...groups.values()];
}

export type NotificationMailPrefs = Schemas['NotificationMailPrefs'];
const mailPrefsKey = (locale: string) => ['notifications', 'mail-settings', locale] as const;

/** 邮件提醒设置: the choices come worded by the server in the app's language. */
export function useNotificationMailPrefs() {
  const { locale } = useI18n();
  return useQuery({ queryKey: mailPrefsKey(locale), queryFn: () => api<NotificationMailPrefs>('/notifications/mail-settings') });
}

export function useSaveNotificationMailPrefs() {
  const qc = useQueryClient();
  const { locale } = useI18n();
  return useMutation({
    mutationFn: (body: BodyOf<'saveNotificationMailPrefs'>) => api<NotificationMailPrefs>('/notifications/mail-settings', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(mailPrefsKey(locale), data),
  });
}
