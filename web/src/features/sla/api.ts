import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TargetName } from '@domain/sla/targets';
import { ticketKeys } from '@/features/tickets/api';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';

// Calendars, SLA policies, customer contracts and timeout explanations (src/modules/sla/sla.routes.ts).
export type Calendar = Schemas['Calendar'];
export type CalendarView = Schemas['CalendarView'];
export type PolicyRule = Schemas['PolicyRule'];
export type TargetSpec = NonNullable<PolicyRule['targets'][TargetName]>;
export type SlaPolicy = Schemas['SlaPolicy'];
export type Contract = Schemas['ContractListItem'];
export type TimeoutExplanation = Schemas['TimeoutExplanation'];
export type TicketSla = Schemas['TicketSla'];
export type CalendarWarning = TicketSla['warnings'][number];

export const slaKeys = {
  calendars: ['sla', 'calendars'] as const,
  policies: ['sla', 'policies'] as const,
  versions: (key: string) => ['sla', 'policies', key, 'versions'] as const,
  contracts: (customerId?: string) => ['sla', 'contracts', customerId ?? 'all'] as const,
};

export function useCalendars(enabled = true) {
  return useQuery({ queryKey: slaKeys.calendars, queryFn: () => api<ResponseOf<'listCalendars'>>('/sla/calendars'), enabled, staleTime: 60_000 });
}

export type CalendarWriteResult = Schemas['CalendarWriteResult'];
export function useSetCalendarYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, year, holidays, makeUpWorkdays }: { id: string; year: number; holidays: string[]; makeUpWorkdays: string[] }) =>
      api<CalendarWriteResult>(`/sla/calendars/${encodeURIComponent(id)}/years/${year}`, { method: 'PUT', body: { holidays, makeUpWorkdays } }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: slaKeys.calendars }), qc.invalidateQueries({ queryKey: ticketKeys.all })]),
  });
}
export type RecomputeProgress = Schemas['RecomputeProgress'];
/** A calendar edit's recompute job, polled every second until it is done or has failed. */
export function useRecomputeJob(jobId: number | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['sla', 'recompute-jobs', jobId] as const,
    queryFn: async () => {
      const job = await api<RecomputeProgress>(`/sla/recompute-jobs/${jobId}`);
      // The clocks moved: the queue's due times and badges are stale now.
      if (job.status === 'done') await qc.invalidateQueries({ queryKey: ticketKeys.all });
      return job;
    },
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export type CalendarImport = BodyOf<'importCalendarYears'>;
export function useImportCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CalendarImport }) =>
      api<CalendarWriteResult>(`/sla/calendars/${encodeURIComponent(id)}/import`, { method: 'POST', body }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: slaKeys.calendars }), qc.invalidateQueries({ queryKey: ticketKeys.all })]),
  });
}

export type CalendarCreate = BodyOf<'createCalendar'>;
export function useCreateCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarCreate) => api<ResponseOf<'createCalendar'>>('/sla/calendars', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.calendars }),
  });
}

export function usePolicies() {
  return useQuery({ queryKey: slaKeys.policies, queryFn: () => api<ResponseOf<'listPolicies'>>('/sla/policies'), staleTime: 60_000 });
}
export function usePolicyVersions(key: string | null) {
  return useQuery({
    queryKey: slaKeys.versions(key ?? ''),
    queryFn: () => api<ResponseOf<'listPolicyVersions'>>(`/sla/policies/${encodeURIComponent(key!)}/versions`),
    enabled: Boolean(key),
  });
}
export function useUpdatePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: BodyOf<'updatePolicy'> }) =>
      api<ResponseOf<'updatePolicy'>>(`/sla/policies/${encodeURIComponent(key)}`, { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}
export function useCreatePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createPolicy'>) => api<ResponseOf<'createPolicy'>>('/sla/policies', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}
export function useSetDefaultPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => api<ResponseOf<'setDefaultPolicy'>>(`/sla/policies/${encodeURIComponent(key)}/default`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: slaKeys.policies }),
  });
}

export function useContracts(customerId?: string) {
  return useQuery({ queryKey: slaKeys.contracts(customerId), queryFn: () => api<ResponseOf<'listContracts'>>('/sla/contracts', { query: { customerId } }) });
}
export function useCreateContract() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createContract'>) => api<ResponseOf<'createContract'>>('/sla/contracts', { method: 'POST', body }),
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
    Promise.all([
      qc.invalidateQueries({ queryKey: ticketKeys.detail(id) }),
      qc.invalidateQueries({ queryKey: ticketKeys.events(id) }),
      qc.invalidateQueries({ queryKey: ticketKeys.lists() }),
    ]);
}
/** Re-applies a policy version (default: newest version of the default policy); the answer is the ticket detail. */
export function useReapplyPolicy() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ ticketId, policyId }: { ticketId: string; policyId?: string }) =>
      api<ResponseOf<'reapplyPolicy'>>(`/tickets/${ticketId}/sla/reapply`, { method: 'POST', body: policyId ? { policyId } : {} }),
    onSuccess: (_d, v) => invalidate(v.ticketId),
  });
}
export function useSubmitExplanation() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ ticketId, text }: { ticketId: string; text: string }) =>
      api<ResponseOf<'submitTimeoutExplanation'>>(`/tickets/${ticketId}/timeout-explanations`, { method: 'POST', body: { text } }),
    onSuccess: (_d, v) => invalidate(v.ticketId),
  });
}
export function useDecideExplanation() {
  const invalidate = useInvalidateTicket();
  return useMutation({
    mutationFn: ({ ticketId, explanationId, approve, note }: { ticketId: string; explanationId: string; approve: boolean; note?: string | null }) =>
      api<ResponseOf<'decideTimeoutExplanation'>>(`/tickets/${ticketId}/timeout-explanations/${explanationId}/decision`, {
        method: 'POST',
        body: { approve, note: note || null },
      }),
    onSuccess: (_d, v) => invalidate(v.ticketId),
  });
}
