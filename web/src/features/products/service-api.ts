import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 维修/换货记录 and 主要部件 of a unit: what extends or restarts its warranty, and the parts with longer periods.

export type ServiceHistoryEntry = ResponseOf<'getUnitServiceHistory'>['items'][number];
export type MainPart = ResponseOf<'getModelMainParts'>['parts'][number];

export const serviceKeys = {
  history: (unitId: string) => ['serial-units', unitId, 'service-history'] as const,
  mainParts: (modelId: string) => ['product-models', modelId, 'main-parts'] as const,
};

export function useServiceHistory(unitId: string) {
  return useQuery({
    queryKey: serviceKeys.history(unitId),
    queryFn: () => api<ResponseOf<'getUnitServiceHistory'>>(`/serial-units/${unitId}/service-history`),
  });
}
export function useMainParts(modelId: string) {
  return useQuery({
    queryKey: serviceKeys.mainParts(modelId),
    queryFn: () => api<ResponseOf<'getModelMainParts'>>(`/product-models/${modelId}/main-parts`),
  });
}

/** A repair or exchange recorded changes the unit's warranty too: both lists refresh. */
function useUnitWrite<B>(unitId: string, path: 'repairs' | 'exchanges') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<unknown>(`/serial-units/${unitId}/${path}`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['serial-units'] }),
  });
}
export const useRecordRepair = (unitId: string) => useUnitWrite<BodyOf<'recordUnitRepair'>>(unitId, 'repairs');
export const useRecordExchange = (unitId: string) => useUnitWrite<BodyOf<'recordUnitExchange'>>(unitId, 'exchanges');

export function useSetMainParts(modelId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'setModelMainParts'>) => api<ResponseOf<'setModelMainParts'>>(`/product-models/${modelId}/main-parts`, { method: 'PUT', body }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: serviceKeys.mainParts(modelId) }), qc.invalidateQueries({ queryKey: ['serial-units'] })]),
  });
}
