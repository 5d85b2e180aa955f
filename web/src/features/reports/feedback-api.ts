import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 应急事件 and 质量反馈 (src/modules/reports/incidents.routes.ts, quality-feedback.routes.ts).
export type Incident = ResponseOf<'getIncident'>;
export type QualityFeedback = ResponseOf<'getQualityFeedback'>;
export type FeedbackEffect = ResponseOf<'getQualityFeedbackEffect'>;

const keys = {
  incidents: ['reports', 'incidents'] as const,
  incident: (id: string) => ['reports', 'incidents', id] as const,
  feedback: (incidentId: string) => ['reports', 'incidents', incidentId, 'feedback'] as const,
  effect: (id: string) => ['reports', 'feedback', id, 'effect'] as const,
};

export function useIncidents() {
  return useQuery({ queryKey: keys.incidents, queryFn: () => api<ResponseOf<'listIncidents'>>('/reports/incidents') });
}
export function useIncident(id: string) {
  return useQuery({ queryKey: keys.incident(id), queryFn: () => api<Incident>(`/reports/incidents/${id}`) });
}
export function useIncidentFeedback(incidentId: string) {
  return useQuery({ queryKey: keys.feedback(incidentId), queryFn: () => api<{ items: QualityFeedback[] }>(`/reports/incidents/${incidentId}/feedback`) });
}
export function useFeedbackEffect(id: string, enabled: boolean) {
  return useQuery({ queryKey: keys.effect(id), queryFn: () => api<FeedbackEffect>(`/reports/feedback/${id}/effect`), enabled });
}

export function useFeedbackWrite(incidentId: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: keys.incident(incidentId) });
  return {
    create: useMutation({
      mutationFn: (body: { symptom: string; frequency: string; scope: string; affectedUnits: number; evidence?: string }) =>
        api<QualityFeedback>(`/reports/incidents/${incidentId}/feedback`, { method: 'POST', body }),
      onSuccess: done,
    }),
    move: useMutation({
      mutationFn: ({ id, to, reason }: { id: string; to: 'sent' | 'verified' | 'withdrawn'; reason?: string }) =>
        api<QualityFeedback>(`/reports/feedback/${id}/transitions`, { method: 'POST', body: { to, reason } }),
      onSuccess: done,
    }),
    plan: useMutation({
      mutationFn: ({ id, plan, fixDate }: { id: string; plan: string; fixDate: string }) =>
        api<QualityFeedback>(`/reports/feedback/${id}/plan`, { method: 'PUT', body: { plan, fixDate } }),
      onSuccess: done,
    }),
  };
}
