import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { TicketStatus } from '@domain/ticket/ticket.status';
import type { TicketSla } from '@/features/sla/api';
import { api, type Query } from '@/lib/http';

// Clocks and SLA fields come with the SLA engine (issue 3); everything reading them treats them as optional.
export type ClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
export interface SlaClock {
  target: string;
  amount?: number;
  unit?: string;
  calendar?: string;
  dueAtLocal?: string;
  dueAt: string | null;
  status: ClockStatus;
  remainingMs?: number | null;
  breachedAt?: string | null;
  startedAt?: string | null;
  totalMs?: number | null;
  warnedAt?: string | null;
}

export interface TicketBase {
  id: string;
  number: string;
  status: TicketStatus;
  channel: Channel;
  requestType: RequestType;
  title: string;
  description: string;
  priority: Priority | null;
  priorityReason: string | null;
  gradedAt: string | null;
  customerUrgency: Priority | null;
  customerId: string;
  contactId: string | null;
  serialUnitId: string | null;
  productModelId: string | null;
  occurredAt: string | null;
  environment: string | null;
  triedSteps: string | null;
  ownerId: string | null;
  team: string | null;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface TicketListItem extends TicketBase {
  customerName: string;
  ownerName: string | null;
  serialNumber: string | null;
  modelNumber: string | null;
  slaNextDueAt?: string | null;
  slaState?: 'running' | 'warning' | 'paused' | 'breached' | 'met' | 'none' | null;
  slaBreached?: boolean;
}

type Bilingual = { zh: string; en: string };
export interface Warranty {
  status: 'in_warranty' | 'expired' | 'unknown';
  coveredThrough: string | null;
}
export interface TicketDetail extends TicketBase {
  customer: { id: string; name: string };
  contact: { id: string; name: string | null; phone: string | null; email: string | null; address: string | null; isPrimary: boolean; masked: boolean } | null;
  serialUnit: {
    id: string;
    serialNumber: string;
    purchaseDate: string | null;
    batch: string | null;
    model: { id: string; modelNumber: string; name: string; category: string; warrantyMonths: number; customMade: boolean; safetyRelevant: boolean };
    warranty: Warranty;
  } | null;
  owner: { id: string; displayName: string } | null;
  gradedBy: { id: string; displayName: string } | null;
  recorder: { id: string; displayName: string } | null;
  allowedTransitions: TicketStatus[];
  suggestedPriority: { priority: Priority; matched: string[]; reason: Bilingual };
  clocks?: SlaClock[];
  sla?: TicketSla;
}

export interface TicketEvent {
  id: number;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  visibility: string;
  body: string | null;
  data: Record<string, unknown> | null;
  hash: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: string;
  uploadedById: string | null;
}

export interface TicketFilters {
  q?: string;
  status?: TicketStatus[];
  open?: 'true' | 'false';
  priority?: Priority;
  requestType?: RequestType;
  channel?: Channel;
  ownerId?: string;
  team?: string;
  customerId?: string;
  productModelId?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: string;
  limit?: number;
  offset?: number;
  /** 'at_risk' = warning or breached (issue 3). */
  sla?: string;
}

export interface TicketList {
  items: TicketListItem[];
  total: number;
  limit: number;
  offset: number;
}

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
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => api<TicketDetail>(`/tickets/${id}`) });
}
export function useTicketEvents(id: string) {
  return useQuery({ queryKey: ticketKeys.events(id), queryFn: () => api<{ items: TicketEvent[] }>(`/tickets/${id}/events`) });
}
export function useTicketAttachments(id: string) {
  return useQuery({ queryKey: ticketKeys.attachments(id), queryFn: () => api<{ items: Attachment[] }>(`/tickets/${id}/attachments`) });
}

export function useSuggestPriority(text: string) {
  return useQuery({
    queryKey: ticketKeys.suggestion(text),
    queryFn: () => api<{ priority: Priority; matched: string[]; reason: Bilingual }>('/tickets/suggest-priority', { method: 'POST', body: { text } }),
    enabled: text.trim().length > 1,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function uploadAttachments(ticketId: string, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return api<{ items: Attachment[] }>(`/tickets/${ticketId}/attachments`, { method: 'POST', form });
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
    mutationFn: ({ id, patch }: { id: string; patch: TicketPatch }) => api<TicketBase>(`/tickets/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (_d, v) => invalidate(v.id),
  });
}

export function useTransition() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ id, to, reason }: { id: string; to: TicketStatus; reason?: string }) =>
      api<TicketBase>(`/tickets/${id}/transitions`, { method: 'POST', body: { to, reason: reason || undefined } }),
    onSuccess: (_d, v) => invalidate(v.id),
  });
}

export function useAddEvent() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ id, type, body }: { id: string; type: string; body: string }) => api<TicketEvent>(`/tickets/${id}/events`, { method: 'POST', body: { type, body } }),
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
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api<TicketDetail>(`/tickets/${id}/reveal`, { method: 'POST', body: { reason } }),
    onSuccess: (detail) => qc.setQueryData(ticketKeys.detail(detail.id), detail),
  });
}

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: unknown; idempotencyKey: string }) =>
      api<{ id: string; number: string; status: string }>('/tickets', { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.lists() }),
  });
}

export interface SlaPreview {
  targets: Record<string, { dueAt: string; amount: number; unit: string; calendar: string }>;
  warnings: unknown[];
}
/** POST /sla/preview (issue 3). Answers null while the endpoint does not exist yet. */
export function useSlaPreview(input: { requestType?: RequestType; priority?: Priority; startAt: string; customerId?: string } | null) {
  return useQuery({
    queryKey: ['sla-preview', input],
    enabled: Boolean(input?.requestType && input.priority),
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
