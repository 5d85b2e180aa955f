import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ticketKeys } from '@/features/tickets/api';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 回访 follow-up tasks (src/modules/followups/followups.routes.ts). A call may move the ticket to 已回访,
// so every write refreshes tickets too.
export type FollowupTask = ResponseOf<'getFollowup'>;
export type CallBody = BodyOf<'recordFollowupCall'>;

export const followupKeys = {
  all: ['followups'] as const,
  list: (status: string, mine: boolean, q: string) => ['followups', 'list', status, mine, q] as const,
};

export function useFollowups(status: string, mine: boolean, q: string) {
  return useQuery({
    queryKey: followupKeys.list(status, mine, q),
    queryFn: () => api<ResponseOf<'listFollowups'>>('/followups', { query: { status, mine: mine ? 'true' : undefined, q: q || undefined } }),
  });
}

export function useFollowupAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, path, body }: { id: string; path: 'calls' | 'close' | 'take'; body?: unknown }) =>
      api<unknown>(`/followups/${id}/${path}`, { method: 'POST', body: body ?? {} }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: followupKeys.all }), qc.invalidateQueries({ queryKey: ticketKeys.all })]),
  });
}
