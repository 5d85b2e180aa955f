import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api, ApiError } from '@/lib/http';

export type ProductModel = Schemas['ProductModel'];
export type SerialUnit = Schemas['SerialUnit'];
interface ListQuery {
  q?: string;
  limit?: number;
  offset?: number;
}

export const productKeys = {
  models: (q: ListQuery) => ['product-models', q] as const,
  units: (q: ListQuery & { customerId?: string; serialNumber?: string }) => ['serial-units', q] as const,
  bySerial: (sn: string) => ['serial-units', 'by-serial', sn] as const,
};

export function useProductModels(q: ListQuery = { limit: 200 }) {
  return useQuery({
    queryKey: productKeys.models(q),
    queryFn: () => api<ResponseOf<'listProductModels'>>('/product-models', { query: { ...q } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
export function useSerialUnits(q: ListQuery & { customerId?: string; serialNumber?: string }, enabled = true) {
  return useQuery({
    queryKey: productKeys.units(q),
    queryFn: () => api<ResponseOf<'listSerialUnits'>>('/serial-units', { query: { ...q } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
/** Serial number lookup for intake: null when there is no such unit. */
export function useUnitBySerial(serialNumber: string) {
  return useQuery({
    queryKey: productKeys.bySerial(serialNumber),
    enabled: serialNumber.trim().length > 0,
    retry: false,
    queryFn: async () => {
      try {
        return await api<ResponseOf<'getSerialUnitBySerial'>>(`/serial-units/by-serial/${encodeURIComponent(serialNumber.trim())}`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
}
export function useCreateModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createProductModel'>) => api<ResponseOf<'createProductModel'>>('/product-models', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['product-models'] }),
  });
}
export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createSerialUnit'>) => api<ResponseOf<'createSerialUnit'>>('/serial-units', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['serial-units'] }),
  });
}
