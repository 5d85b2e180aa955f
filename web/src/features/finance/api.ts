import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// Refunds (src/modules/refunds/refunds.routes.ts): finance's queues and steps.
export type Refund = ResponseOf<'getRefund'>;
export type RefundQueue = 'due' | 'overdue' | 'paid' | 'requested' | 'all';
export const REFUND_QUEUE_TABS = ['due', 'overdue', 'paid', 'requested'] as const;
/** The dashboard's period: refunds requested on these days. */
export interface RefundPeriod {
  requestedFrom?: string;
  requestedTo?: string;
}

export const refundKeys = {
  all: ['refunds'] as const,
  queue: (q: RefundQueue, p: RefundPeriod = {}) => ['refunds', q, p] as const,
  ofTicket: (id: string) => ['refunds', 'ticket', id] as const,
};

export function useRefunds(queue: RefundQueue, period: RefundPeriod = {}) {
  return useQuery({
    queryKey: refundKeys.queue(queue, period),
    queryFn: () => api<ResponseOf<'listRefunds'>>('/refunds', { query: { queue, ...period } }),
  });
}

export function useRefundAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, path, body }: { id: string; path: 'approve' | 'pay' | 'fail' | 'cancel'; body?: unknown }) =>
      api<Refund>(`/refunds/${id}/${path}`, { method: 'POST', body: body ?? {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: refundKeys.all }),
  });
}
