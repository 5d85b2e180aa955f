import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { SlaUnit, TargetName } from '@domain/sla/targets';
import { ticketKeys } from '@/features/tickets/api';
import { api } from '@/lib/http';

// Calendars, SLA policies, customer contracts and timeout explanations (src/modules/sla/sla.routes.ts).
export interface CalendarView {
  id: string;
  name: string;
  timeZone: string;
  weeklyWorkingDays: number[];
  businessHours?: { start: string; end: string }[];
  holidays: string[];
  makeUpWorkdays: string[];
  coveredYears: 'all' | number[];
  builtIn: boolean;
  overridden: boolean;
}

export interface TargetSpec {
  amount: number;
  unit: SlaUnit;
  calendarId: string;
}
export interface PolicyRule {
  requestType: RequestType | '*';
  priority: Priority | '*';
  targets: Partial<Record<TargetName, TargetSpec | null>>;
  source?: string;
}
export interface SlaPolicy {
  id: string;
  key: string;
  version: number;
  name: string;
  description: string | null;
  rules: PolicyRule[];
  isDefault: boolean;
  createdAt: string;
  createdById: string | null;
}
export interface Contract {
  customerName: string;
  id: string;
  customerId: string;
  name: string;
  overrides: PolicyRule[];
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  createdAt: string;
}
export interface TimeoutExplanation {
  id: string;
  text: string;
  status: 'pending' | 'approved' | 'rejected';
  submittedById: string | null;
  submittedByName: string | null;
  submittedAt: string;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}
export interface CalendarWarning {
  code: string;
  year: number;
  calendarId: string;
}
export interface TicketSla {
  policy: { id: string; key: string; version: number; name: string } | null;
  breached: boolean;
  closeNeedsApprovedExplanation: boolean;
  explanations: TimeoutExplanation[];
  warnings: CalendarWarning[];
}

export const slaKeys = {
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
  versions: (key: string) => ['sla', 'policies', key, 'versions'] as const,
  contracts: (customerId?: string) => ['sla', 'contracts', customerId ?? 'all'] as const,
};

export function useCalendars(enabled = true) {
  return useQuery({ queryKey: slaKeys.calendars, queryFn: () => api<{ items: CalendarView[] }>('/sla/calendars'), enabled, staleTime: 60_000 });
}

export interface CalendarWriteResult {
  calendar: CalendarView;
  recomputedClocks: number;
  importedYears?: number[];
}
export function useSetCalendarYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, year, holidays, makeUpWorkdays }: { id: string; year: number; holidays: string[]; makeUpWorkdays: string[] }) =>
      api<CalendarWriteResult>(`/sla/calendars/${encodeURIComponent(id)}/years/${year}`, { method: 'PUT', body: { holidays, makeUpWorkdays } }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: slaKeys.calendars }), qc.invalidateQueries({ queryKey: ticketKeys.all })]),
  });
}
export type CalendarImport = { format: 'ics'; content: string } | { format: 'json'; years: { year: number; holidays: string[]; makeUpWorkdays?: string[] }[] };
export function useImportCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CalendarImport }) => api<CalendarWriteResult>(`/sla/calendars/${encodeURIComponent(id)}/import`, { method: 'POST', body }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: slaKeys.calendars }), qc.invalidateQueries({ queryKey: ticketKeys.all })]),
  });
}

export interface CalendarCreate {
  id: string;
  name: string;
  timeZone: string;
  weeklyWorkingDays: number[];
  businessHours?: { start: string; end: string }[];
  coveredYears: number[];
}
export function useCreateCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarCreate) => api<CalendarView>('/sla/calendars', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.calendars }),
  });
}

export function usePolicies() {
  return useQuery({ queryKey: slaKeys.policies, queryFn: () => api<{ items: SlaPolicy[] }>('/sla/policies'), staleTime: 60_000 });
}
export function usePolicyVersions(key: string | null) {
  return useQuery({ queryKey: slaKeys.versions(key ?? ''), queryFn: () => api<{ items: SlaPolicy[] }>(`/sla/policies/${encodeURIComponent(key!)}/versions`), enabled: Boolean(key) });
}
export function useUpdatePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: { name: string; description?: string; rules: PolicyRule[] } }) =>
      api<SlaPolicy>(`/sla/policies/${encodeURIComponent(key)}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}
export function useCreatePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: string; policy: { name: string; description?: string; rules: PolicyRule[] } }) => api<SlaPolicy>('/sla/policies', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}
export function useSetDefaultPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => api<SlaPolicy>(`/sla/policies/${encodeURIComponent(key)}/default`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useContracts(customerId?: string) {
  return useQuery({ queryKey: slaKeys.contracts(customerId), queryFn: () => api<{ items: Contract[] }>('/sla/contracts', { query: { customerId } }) });
}
export function useCreateContract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; name: string; overrides: PolicyRule[]; validFrom?: string | null; validTo?: string | null }) => api<Contract>('/sla/contracts', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sla', 'contracts'] }),
  });
}
export function useEndContract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/sla/contracts/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sla', 'contracts'] }),
  });
}

function useInvalidateTicket() {
  const qc = useQueryClient();
  return (id: string) =>
    Promise.all([qc.invalidateQueries({ queryKey: ticketKeys.detail(id) }), qc.invalidateQueries({ queryKey: ticketKeys.events(id) }), qc.invalidateQueries({ queryKey: ticketKeys.lists() })]);
}
/** Re-applies a policy version (default: newest version of the default policy); the answer is the ticket detail. */
export function useReapplyPolicy() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ ticketId, policyId }: { ticketId: string; policyId?: string }) => api<unknown>(`/tickets/${ticketId}/sla/reapply`, { method: 'POST', body: policyId ? { policyId } : {} }),
    onSuccess: (_d, v) => invalidate(v.ticketId),
  });
}
export function useSubmitExplanation() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ ticketId, text }: { ticketId: string; text: string }) => api<TimeoutExplanation>(`/tickets/${ticketId}/timeout-explanations`, { method: 'POST', body: { text } }),
    onSuccess: (_d, v) => invalidate(v.ticketId),
  });
}
export function useDecideExplanation() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ ticketId, explanationId, approve, note }: { ticketId: string; explanationId: string; approve: boolean; note?: string | null }) =>
      api<TimeoutExplanation>(`/tickets/${ticketId}/timeout-explanations/${explanationId}/decision`, { method: 'POST', body: { approve, note: note || null } }),
    onSuccess: (_d, v) => invalidate(v.ticketId),
  });
}
