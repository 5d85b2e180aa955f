import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { SolutionType, TicketStatus } from '@domain/ticket/ticket.status';
import type { ResponseOf, Schemas } from '@/lib/contract';
import { api, type Query } from '@/lib/http';
import type { PartAwaited, Resolution } from './MovePrompts';

export type SlaClock = Schemas['SlaClock'];
export type ClockStatus = SlaClock['status'];
/** What the SLA badge reads: a clock from the API, or a ticket's next deadline shown as one. */
export type ClockView = Pick<SlaClock, 'status'> &
  Partial<Pick<SlaClock, 'remainingMs' | 'startedAt' | 'warnedAt' | 'breachedAt' | 'stoppedAt' | 'lateByMs'>> & { target: string; dueAt: string | null };
export type TicketBase = Schemas['Ticket'];
export type TicketListItem = Schemas['TicketListItem'];
export type Warranty = Schemas['Warranty'];
export type TicketDetail = ResponseOf<'getTicket'>;
export type TicketEvent = Schemas['TicketEvent'];
export type Attachment = Schemas['Attachment'];

export interface TicketFilters {
  q?: string;
  status?: TicketStatus[];
  open?: 'true' | 'false';
  priority?: Priority;
  requestType?: RequestType;
  solutionType?: SolutionType;
  channel?: Channel;
  ownerId?: string;
  /** 'me' = tickets the caller registered (我受理的). */
  recordedBy?: 'me';
  team?: string;
  customerId?: string;
  productModelId?: string;
  /** The dashboard's dimensions (产品类别, 批次, 故障类别, 大区/省份). */
  productCategory?: string;
  batch?: string;
  faultCategory?: string;
  regionId?: string;
  province?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: string;
  limit?: number;
  /** First pages only (≤ 1,000 rows in); deeper pages follow `cursor`. */
  offset?: number;
  /** The previous page's nextCursor: the page after it (issue 10, keyset paging). */
  cursor?: string;
  /** 'at_risk' = warning or breached (issue 3). */
  sla?: string;
}

export type TicketList = ResponseOf<'listTickets'>;

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (f: TicketFilters) => [...ticketKeys.lists(), f] as const,
  detail: (id: string) => [...ticketKeys.all, 'detail', id] as const,
  events: (id: string) => [...ticketKeys.all, 'events', id] as const,
  attachments: (id: string) => [...ticketKeys.all, 'attachments', id] as const,
  suggestion: (text: string) => ['suggest-priority', text] as const,
};

export function useTickets(filters: TicketFilters, opts: { onData?: (list: TicketList) => void } = {}) {
  const { onData } = opts;
  return useQuery({
    queryKey: ticketKeys.list(filters),
    queryFn: async ({ signal }) => {
      const list = await api<TicketList>('/tickets', { query: filters as Query, signal });
      onData?.(list);
      return list;
    },
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => api<ResponseOf<'getTicket'>>(`/tickets/${id}`) });
}
export function useTicketEvents(id: string) {
  return useQuery({ queryKey: ticketKeys.events(id), queryFn: () => api<ResponseOf<'listTicketEvents'>>(`/tickets/${id}/events`) });
}
export function useTicketAttachments(id: string) {
  return useQuery({ queryKey: ticketKeys.attachments(id), queryFn: () => api<ResponseOf<'listTicketAttachments'>>(`/tickets/${id}/attachments`) });
}

export function useSuggestPriority(text: string) {
  return useQuery({
    queryKey: ticketKeys.suggestion(text),
    queryFn: () => api<ResponseOf<'suggestPriority'>>('/tickets/suggest-priority', { method: 'POST', body: { text } }),
    enabled: text.trim().length > 1,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function uploadAttachments(ticketId: string, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return api<ResponseOf<'uploadAttachments'>>(`/tickets/${ticketId}/attachments`, { method: 'POST', form });
}

/** Invalidate everything about one ticket plus every list (after any write). */
function useInvalidateTicket() {
  const qc = useQueryClient();
  return (id: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ticketKeys.detail(id) }),
      qc.invalidateQueries({ queryKey: ticketKeys.events(id) }),
      qc.invalidateQueries({ queryKey: ticketKeys.attachments(id) }),
      qc.invalidateQueries({ queryKey: ticketKeys.lists() }),
    ]);
}

export type TicketPatch = Partial<{
  priority: Priority;
  priorityReason: string | null;
  ownerId: string | null;
  team: string | null;
  title: string | null;
  description: string;
}>;

export function usePatchTicket() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TicketPatch }) => api<ResponseOf<'updateTicket'>>(`/tickets/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (_d, v) => invalidate(v.id),
  });
}

export function useTransition() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ id, to, reason, resolution, part }: { id: string; to: TicketStatus; reason?: string; resolution?: Resolution; part?: PartAwaited }) =>
      api<ResponseOf<'transitionTicket'>>(`/tickets/${id}/transitions`, { method: 'POST', body: { to, reason: reason || undefined, resolution, part } }),
    onSuccess: (_d, v) => invalidate(v.id),
  });
}

export function useAddEvent() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ id, type, body }: { id: string; type: string; body: string }) =>
      api<ResponseOf<'addTicketEvent'>>(`/tickets/${id}/events`, { method: 'POST', body: { type, body } }),
    onSuccess: (_d, v) => invalidate(v.id),
  });
}

export function useUpload() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ id, files }: { id: string; files: File[] }) => uploadAttachments(id, files),
    onSuccess: (_d, v) => invalidate(v.id),
  });
}

export function useReveal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<ResponseOf<'revealTicketContact'>>(`/tickets/${id}/reveal`, { method: 'POST', body: { reason } }),
    onSuccess: (detail) => qc.setQueryData(ticketKeys.detail(detail.id), detail),
  });
}

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: unknown; idempotencyKey: string }) =>
      api<ResponseOf<'createTicket'>>('/tickets', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.lists() }),
  });
}

export type SlaPreview = Schemas['SlaPreview'];
/** POST /sla/preview (issue 3). Answers null while the endpoint does not exist yet. */
export function useSlaPreview(
  input: { requestType?: RequestType; priority?: Priority; customerUrgency?: Priority; channel?: Channel; startAt: string; customerId?: string } | null,
) {
  return useQuery({
    queryKey: ['sla-preview', input],
    enabled: Boolean(input?.requestType),
    staleTime: 60_000,
    retry: false,
    queryFn: async () => {
      try {
        return await api<SlaPreview>('/sla/preview', { method: 'POST', body: input });
      } catch {
        return null;
      }
    },
  });
}
