import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { repairKeys } from '@/features/repairs/api';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';

// Dispatch (src/modules/dispatch/dispatch.routes.ts): the board, candidates, skills and team modes.
export type DispatchBoard = Schemas['DispatchBoard'];
export type BoardOrder = DispatchBoard['undispatched'][number];
export type DispatchCandidates = Schemas['DispatchCandidates'];
export type EngineerSkills = Schemas['EngineerSkills'];
export type TeamMode = Schemas['DispatchTeamMode'];
export type SkillsBody = BodyOf<'putEngineerSkills'>;

export const dispatchKeys = {
  all: ['dispatch'] as const,
  board: (team?: string) => ['dispatch', 'board', team ?? ''] as const,
  candidates: (repairId: string) => ['dispatch', 'candidates', repairId] as const,
  engineers: ['dispatch', 'engineers'] as const,
  modes: ['dispatch', 'modes'] as const,
};

export function useBoard(team?: string) {
  return useQuery({
    queryKey: dispatchKeys.board(team),
    queryFn: () => api<ResponseOf<'getDispatchBoard'>>('/dispatch/board', { query: { team } }),
    refetchInterval: 30_000,
  });
}
export function useCandidates(repairId: string | null) {
  return useQuery({
    queryKey: dispatchKeys.candidates(repairId ?? ''),
    queryFn: () => api<ResponseOf<'listDispatchCandidates'>>(`/repairs/${repairId}/dispatch-candidates`),
    enabled: Boolean(repairId),
  });
}
export function useEngineers() {
  return useQuery({ queryKey: dispatchKeys.engineers, queryFn: () => api<ResponseOf<'listEngineerSkills'>>('/dispatch/engineers') });
}
export function useTeamModes() {
  return useQuery({ queryKey: dispatchKeys.modes, queryFn: () => api<ResponseOf<'listDispatchTeamModes'>>('/dispatch/team-modes') });
}

const useInvalidate = () => {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: dispatchKeys.all }), qc.invalidateQueries({ queryKey: repairKeys.all })]);
};

/** 看板派单 with the order's version as shown: 409 when someone dispatched it first. */
export function useAssign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ repairId, ...body }: BodyOf<'dispatchFromBoard'> & { repairId: string }) =>
      api<ResponseOf<'dispatchFromBoard'>>(`/dispatch/repairs/${repairId}/assign`, { method: 'POST', body }),
    onSettled: invalidate,
  });
}
export function useSaveSkills() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: SkillsBody }) => api<EngineerSkills>(`/dispatch/engineers/${userId}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}
export function useSaveTeamMode() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BodyOf<'putDispatchTeamMode'>) => api<TeamMode>('/dispatch/team-modes', { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}
