import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api, ApiError } from '@/lib/http';

export type WarrantyCheck = ResponseOf<'checkWarranty'>;
/** The decision alone: what the ticket's `warranty` section holds too. */
export type WarrantyDecision = Omit<WarrantyCheck, 'serialUnit'>;
export type WarrantyCheckRequest = BodyOf<'checkWarranty'>;

export const warrantyKeys = {
  check: (body: WarrantyCheckRequest) => ['warranty', 'check', body] as const,
};

/** 三包判定 for a serial number typed at intake (claim date today unless given); null for an unknown serial. */
export function useWarrantyCheck(serialNumber: string, opts: { at?: string } = {}) {
  const body: WarrantyCheckRequest = { serialNumber: serialNumber.trim(), cause: 'unknown', ...(opts.at ? { at: opts.at } : {}) };
  return useQuery({
    queryKey: warrantyKeys.check(body),
    enabled: body.serialNumber!.length > 0,
    retry: false,
    queryFn: async () => {
      try {
        return await api<WarrantyCheck>('/warranty/check', { method: 'POST', body });
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 409)) return null;
        throw err;
      }
    },
  });
}

/** 除外责任证据 as stored with the ticket's decision. */
export type WarrantyExclusion = ResponseOf<'recordWarrantyExclusion'>;
/** The ticket's `warranty` section: the decision plus the exclusion evidence it rests on. */
export type TicketWarranty = WarrantyDecision & { exclusion?: WarrantyExclusion | null };

export function useRecordExclusion(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'recordWarrantyExclusion'>) => api<WarrantyExclusion>(`/tickets/${ticketId}/warranty/exclusion`, { method: 'POST', body }),
    // The ticket detail (its warranty section) and its timeline change.
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
