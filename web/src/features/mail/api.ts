import { useMe } from '@/features/auth/api';
import { can, SERVICE_DESK } from '@/lib/roles';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

export const mailKeys = {
  settings: ['mail', 'settings'] as const,
  imap: ['mail', 'imap'] as const,
  templates: (channel: string) => ['mail', 'templates', channel] as const,
  macros: ['mail', 'macros'] as const,
  ticket: (id: string) => ['mail', 'ticket', id] as const,
  ticketSms: (id: string) => ['channels', 'sms', 'ticket', id] as const,
};

export type MailSettings = ResponseOf<'getMailSettings'>;
export type MessageTemplate = ResponseOf<'listMessageTemplates'>['items'][number];
export type TemplateChannel = MessageTemplate['channel'];
export type TemplatePreview = ResponseOf<'previewMessageTemplate'>;
export type ReplyMacro = ResponseOf<'listReplyMacros'>['items'][number];
export type TicketMail = ResponseOf<'listTicketMail'>['items'][number];
export type TicketSms = ResponseOf<'listTicketSms'>['items'][number];

export function useMailSettings() {
  return useQuery({ queryKey: mailKeys.settings, queryFn: () => api<MailSettings>('/mail/settings') });
}
export function useSaveMailSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'saveMailSettings'>) => api<MailSettings>('/mail/settings', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(mailKeys.settings, data),
  });
}
export function useSendTestMail() {
  return useMutation({ mutationFn: (to: string) => api<ResponseOf<'sendTestMail'>>('/mail/test', { method: 'POST', body: { to } }) });
}

export type ImapSettings = ResponseOf<'getImapSettings'>;
export function useImapSettings() {
  return useQuery({ queryKey: mailKeys.imap, queryFn: () => api<ImapSettings>('/mail/imap') });
}
export function useSaveImapSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'saveImapSettings'>) => api<ImapSettings>('/mail/imap', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(mailKeys.imap, data),
  });
}
/** 测试收信连接: logs in with the settings in use; answers the unseen count or the server's refusal. */
export function useTestImap() {
  return useMutation({ mutationFn: () => api<ResponseOf<'testImapConnection'>>('/mail/imap/test', { method: 'POST' }) });
}

export function useTemplates(channel: TemplateChannel = 'email') {
  return useQuery({ queryKey: mailKeys.templates(channel), queryFn: () => api<ResponseOf<'listMessageTemplates'>>(`/message-templates?channel=${channel}`) });
}
export function usePreviewTemplate() {
  return useMutation({
    mutationFn: (body: BodyOf<'previewMessageTemplate'>) => api<ResponseOf<'previewMessageTemplate'>>('/message-templates/preview', { method: 'POST', body }),
  });
}
export function useSaveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, key, locale, ...body }: { channel: string; key: string; locale: string; subject: string; body: string; button?: string }) =>
      api<MessageTemplate>(`/message-templates/${channel}/${key}/${locale}`, { method: 'PUT', body }),
    onSuccess: (_d, v) => qc.invalidateQueries({ queryKey: mailKeys.templates(v.channel) }),
  });
}
export function useResetTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, key, locale }: { channel: string; key: string; locale: string }) =>
      api<null>(`/message-templates/${channel}/${key}/${locale}`, { method: 'DELETE' }),
    onSuccess: (_d, v) => qc.invalidateQueries({ queryKey: mailKeys.templates(v.channel) }),
  });
}

export function useMacros(enabled = true) {
  // 常用回复 are the service desk's: other roles (finance on a ticket page) never ask, so never get a 403.
  const role = useMe().data?.role;
  return useQuery({
    queryKey: mailKeys.macros,
    queryFn: () => api<ResponseOf<'listReplyMacros'>>('/reply-macros'),
    enabled: enabled && can(role, SERVICE_DESK),
    staleTime: 60_000,
  });
}
export function useSaveMacro() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; title: string; body: string }) =>
      id ? api<ReplyMacro>(`/reply-macros/${id}`, { method: 'PUT', body }) : api<ReplyMacro>('/reply-macros', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: mailKeys.macros }),
  });
}
export function useDeleteMacro() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/reply-macros/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: mailKeys.macros }),
  });
}

/**
 * A ticket's mail; polled while one is still on its way, so "sending" turns into "delivered" by itself.
 * The service desk's view, like the SMS below: other roles reading a timeline with replies asked for it
 * and got a 403 each time.
 */
export function useTicketMail(ticketId: string) {
  const role = useMe().data?.role;
  return useQuery({
    queryKey: mailKeys.ticket(ticketId),
    queryFn: () => api<ResponseOf<'listTicketMail'>>(`/tickets/${ticketId}/mail`),
    enabled: Boolean(ticketId) && can(role, SERVICE_DESK),
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status === 'queued') ? 3000 : 10_000),
  });
}

/** 工单短信: the status notices sent about a ticket (the service desk's view, numbers masked). */
export function useTicketSms(ticketId: string) {
  const role = useMe().data?.role;
  return useQuery({
    queryKey: mailKeys.ticketSms(ticketId),
    queryFn: () => api<ResponseOf<'listTicketSms'>>(`/tickets/${ticketId}/sms`),
    enabled: Boolean(ticketId) && can(role, SERVICE_DESK),
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status === 'queued') ? 3000 : 10_000),
  });
}
