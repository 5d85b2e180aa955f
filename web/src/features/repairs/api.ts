import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ticketKeys } from '@/features/tickets/api';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';

// Repair orders (src/modules/repairs/repairs.routes.ts). The ticket detail carries them in its
// `repairs` section, so every write refreshes the ticket.
export type RepairOrder = Schemas['RepairOrder'];
export type RepairTask = Schemas['RepairTask'];
export type QuoteBody = BodyOf<'saveRepairQuote'>;
export type ApprovalBody = BodyOf<'recordRepairApproval'>;

export const repairKeys = {
  all: ['repairs'] as const,
  tasks: (date: string) => ['repairs', 'tasks', date] as const,
  priceList: ['repairs', 'price-list'] as const,
  faults: (category?: string) => ['repairs', 'faults', category ?? ''] as const,
};

export function usePriceList() {
  return useQuery({ queryKey: repairKeys.priceList, queryFn: () => api<ResponseOf<'getRepairPriceList'>>('/repairs/price-list'), staleTime: Infinity });
}
export function useFaultCategories(productCategory?: string) {
  return useQuery({
    queryKey: repairKeys.faults(productCategory),
    queryFn: () => api<ResponseOf<'listFaultCategories'>>('/repairs/fault-categories', { query: { productCategory } }),
    staleTime: Infinity,
  });
}
export function usePool(enabled = true) {
  return useQuery({ queryKey: [...repairKeys.all, 'pool'], queryFn: () => api<ResponseOf<'listRepairPool'>>('/repairs/pool'), enabled });
}
export function useMyTasks(date: string) {
  return useQuery({ queryKey: repairKeys.tasks(date), queryFn: () => api<ResponseOf<'listMyRepairTasks'>>('/repairs/tasks', { query: { date } }) });
}

/** One write on a repair order: `path` under /repairs/:id/, with its method and body. */
export function useRepairAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, path, method = 'POST', body }: { id: string; path: string; method?: 'POST' | 'PUT'; body?: unknown }) =>
      api<RepairOrder>(`/repairs/${id}/${path}`, { method, body: body ?? {} }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ticketKeys.all }), qc.invalidateQueries({ queryKey: repairKeys.all })]),
  });
}

export function useCreateRepair(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createRepair'>) => api<RepairOrder>(`/tickets/${ticketId}/repairs`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

/** 元 with two decimals from integer 分. */
export { formatFen as yuan } from '@domain/shared/money';
