import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ticketKeys } from '@/features/tickets/api';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// RMAs (src/modules/returns/rma.routes.ts): the ticket's panel, the managers' list, the logistics queue.
export type Rma = ResponseOf<'getRma'>;
export type LogisticsItem = ResponseOf<'listLogisticsReturns'>['items'][number];
export type RmaCreateBody = BodyOf<'createRma'>;

export const rmaKeys = {
  all: ['rmas'] as const,
  ofTicket: (ticketId: string) => ['rmas', 'ticket', ticketId] as const,
  list: (q: RmaListQuery) => ['rmas', 'list', q] as const,
  logistics: ['rmas', 'logistics'] as const,
};

export function useTicketRmas(ticketId: string) {
  return useQuery({ queryKey: rmaKeys.ofTicket(ticketId), queryFn: () => api<ResponseOf<'listTicketRmas'>>(`/tickets/${ticketId}/rmas`) });
}
/** GET /rmas filters: open ones, or a period, an outcome and a responsibility (the dashboard's links). */
export interface RmaListQuery {
  open?: 'true';
  from?: string;
  to?: string;
  outcome?: string;
  attribution?: string;
  excludeCancelled?: 'true';
}
export function useRmas(q: RmaListQuery) {
  return useQuery({ queryKey: rmaKeys.list(q), queryFn: () => api<ResponseOf<'listRmas'>>('/rmas', { query: { ...q } }) });
}
export function useLogisticsReturns() {
  return useQuery({ queryKey: rmaKeys.logistics, queryFn: () => api<ResponseOf<'listLogisticsReturns'>>('/logistics/returns') });
}

function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: rmaKeys.all }),
      qc.invalidateQueries({ queryKey: ticketKeys.all }),
      qc.invalidateQueries({ queryKey: ['refunds'] }),
    ]);
}

export function useCreateRma(ticketId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: RmaCreateBody) => api<Rma>(`/tickets/${ticketId}/rmas`, { method: 'POST', body }), onSuccess: refresh });
}

/** One step of an RMA: `path` under /rmas/:id/ with its body. */
export function useRmaAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, path, body }: { id: string; path: string; body?: unknown }) => api<Rma>(`/rmas/${id}/${path}`, { method: 'POST', body: body ?? {} }),
    onSuccess: refresh,
  });
}

export { formatFen as yuan } from '@domain/shared/money';

/** The ticket's refunds (finance and the desk read them): the RMA card shows the one its outcome opened. */
export function useTicketRefunds(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['refunds', 'ticket', ticketId] as const,
    queryFn: () => api<ResponseOf<'listTicketRefunds'>>(`/tickets/${ticketId}/refunds`),
    enabled,
  });
}
