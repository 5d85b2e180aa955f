import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 个人信息权利请求 and 清理 (src/modules/privacy/privacy.routes.ts).
export type PrivacyRequest = ResponseOf<'getPrivacyRequest'>;
export type PurgeRun = ResponseOf<'getPurgeRun'>;

const keys = { requests: ['privacy', 'requests'] as const, purges: ['privacy', 'purges'] as const };

export function usePrivacyRequests() {
  return useQuery({ queryKey: keys.requests, queryFn: () => api<{ items: PrivacyRequest[] }>('/privacy/requests', { query: { limit: 100 } }) });
}

export function useRegisterRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; kind: PrivacyRequest['kind']; channel: string }) =>
      api<PrivacyRequest>('/privacy/requests', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.requests }),
  });
}

export function useMoveRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; to: PrivacyRequest['status']; reason?: string; verification?: string }) =>
      api<PrivacyRequest>(`/privacy/requests/${id}/transition`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.requests }),
  });
}

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: ['privacy', 'customers', q],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/customers', { query: { q, limit: 20 } }),
    enabled: q.trim().length > 0,
  });
}

export function usePurgeRuns() {
  return useQuery({
    queryKey: keys.purges,
    queryFn: () => api<{ items: PurgeRun[] }>('/privacy/purges'),
    // While a run is going, follow its progress.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 1000 : false),
  });
}

export function useStartPurge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<PurgeRun>('/privacy/purges', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.purges }),
  });
}
