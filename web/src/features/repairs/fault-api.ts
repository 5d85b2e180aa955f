import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 故障类别目录 admin maintenance (the list diagnoses choose from).
export type FaultCategoryEntry = ResponseOf<'listFaultCatalogue'>['items'][number];
const key = ['fault-catalogue'] as const;

export function useFaultCatalogue() {
  return useQuery({ queryKey: key, queryFn: () => api<ResponseOf<'listFaultCatalogue'>>('/admin/fault-categories') });
}
export function useCreateFaultCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createFaultCategory'>) => api<FaultCategoryEntry>('/admin/fault-categories', { method: 'POST', body }),
    // The diagnosis form's list (GET /repairs/fault-categories) changes too.
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('fault') || q.queryKey[0] === 'repairs' }),
  });
}
export function useUpdateFaultCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'updateFaultCategory'> & { id: string }) =>
      api<FaultCategoryEntry>(`/admin/fault-categories/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('fault') || q.queryKey[0] === 'repairs' }),
  });
}
