import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api, ApiError } from '@/lib/http';

export const channelKeys = {
  sms: ['channels', 'sms'] as const,
  smsMessages: ['channels', 'sms', 'messages'] as const,
  robots: ['channels', 'robots'] as const,
  hooks: ['webhooks'] as const,
  deliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
};

export type SmsSettings = Schemas['SmsSettings'];
export type SmsMessage = Schemas['SmsMessage'];
export type Robot = Schemas['TeamRobot'];
export type Webhook = Schemas['WebhookSubscription'];
export type Delivery = Schemas['WebhookDelivery'];

/** The server's own words (it already answers in the caller's language), without field paths. */
export const errorMessage = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

export function useSmsSettings(enabled = true) {
  return useQuery({ queryKey: channelKeys.sms, queryFn: () => api<ResponseOf<'getSmsSettings'>>('/channels/sms/settings'), enabled });
}
export function useSmsMessages() {
  return useQuery({ queryKey: channelKeys.smsMessages, queryFn: () => api<ResponseOf<'listSmsMessages'>>('/channels/sms/messages') });
}
export function useSaveSms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'saveSmsSettings'>) => api<ResponseOf<'saveSmsSettings'>>('/channels/sms/settings', { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.sms }),
  });
}
export function useTestSms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (phone: string) => api<ResponseOf<'sendTestSms'>>('/channels/sms/test', { method: 'POST', body: { phone } }),
    onSettled: () => qc.invalidateQueries({ queryKey: channelKeys.smsMessages }),
  });
}

export function useRobots() {
  return useQuery({ queryKey: channelKeys.robots, queryFn: () => api<ResponseOf<'listRobots'>>('/channels/robots') });
}
export function useSaveRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: BodyOf<'updateRobot'> }) =>
      id
        ? api<ResponseOf<'updateRobot'>>(`/channels/robots/${id}`, { method: 'PUT', body })
        : api<ResponseOf<'createRobot'>>('/channels/robots', { method: 'POST', body: body as BodyOf<'createRobot'> }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.robots }),
  });
}
export function useDeleteRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/channels/robots/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.robots }),
  });
}
export function useTestRobot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ResponseOf<'sendTestRobotMessage'>>(`/channels/robots/${id}/test`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: channelKeys.robots }),
  });
}

export function useWebhooks() {
  return useQuery({ queryKey: channelKeys.hooks, queryFn: () => api<ResponseOf<'listWebhooks'>>('/webhooks') });
}
export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createWebhook'>) => api<ResponseOf<'createWebhook'>>('/webhooks', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.hooks }),
  });
}
export function usePatchWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'updateWebhook'> }) => api<ResponseOf<'updateWebhook'>>(`/webhooks/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.hooks }),
  });
}
export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/webhooks/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.hooks }),
  });
}
export function useDeliveries(id: string | null) {
  return useQuery({
    queryKey: channelKeys.deliveries(id ?? ''),
    queryFn: () => api<ResponseOf<'listWebhookDeliveries'>>(`/webhooks/${id}/deliveries`),
    enabled: !!id,
    refetchInterval: 5000,
  });
}
export function useRedeliver(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => api<ResponseOf<'redeliverWebhook'>>(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.deliveries(id) }),
  });
}
