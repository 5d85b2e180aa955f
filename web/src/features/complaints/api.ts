import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 投诉与争议 (src/modules/complaints/complaints.routes.ts).
export type Complaint = ResponseOf<'getComplaint'>;
export type Dispute = ResponseOf<'getDispute'>;
export type ComplaintCreateBody = BodyOf<'createComplaint'>;

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (status: string) => ['complaints', 'list', status] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
  dispute: (id: string) => ['complaints', 'dispute', id] as const,
  bodies: ['complaints', 'mediation-bodies'] as const,
};

export const useComplaints = (status: string) =>
  useQuery({ queryKey: complaintKeys.list(status), queryFn: () => api<ResponseOf<'listComplaints'>>('/complaints', { query: { status } }) });
export const useComplaint = (id: string) => useQuery({ queryKey: complaintKeys.one(id), queryFn: () => api<Complaint>(`/complaints/${id}`) });
export const useDispute = (id: string) => useQuery({ queryKey: complaintKeys.dispute(id), queryFn: () => api<Dispute>(`/disputes/${id}`) });
export const useComplaintDispute = (complaintId: string, enabled: boolean) =>
  useQuery({ queryKey: [...complaintKeys.dispute(complaintId), 'of'], queryFn: () => api<Dispute>(`/complaints/${complaintId}/dispute`), enabled });
export const useMediationBodies = () =>
  useQuery({ queryKey: complaintKeys.bodies, queryFn: () => api<ResponseOf<'listMediationBodies'>>('/mediation-bodies') });

/** One write under /complaints/:id/… or /disputes/:id/…; refreshes everything of the feature. */
export function useComplaintAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ url, body, method = 'POST' }: { url: string; body?: unknown; method?: 'POST' | 'PUT' }) =>
      api<{ id: string }>(url, { method, body: body ?? {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: complaintKeys.all }),
  });
}
