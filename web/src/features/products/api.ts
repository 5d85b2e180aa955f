import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/http';
import type { Warranty } from '@/features/tickets/api';

export interface ProductModel {
  id: string;
  modelNumber: string;
  name: string;
  category: string;
  warrantyMonths: number;
  customMade: boolean;
  safetyRelevant: boolean;
  discontinued: boolean;
  createdAt: string;
}
export interface SerialUnit {
  id: string;
  serialNumber: string;
  productModelId: string;
  customerId: string | null;
  purchaseDate: string | null;
  purchaseChannel: string | null;
  deliveredAt: string | null;
  batch: string | null;
  createdAt: string;
  model: Pick<ProductModel, 'id' | 'modelNumber' | 'name' | 'category' | 'warrantyMonths' | 'customMade' | 'safetyRelevant'>;
  warranty: Warranty;
}
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
  return useQuery({ queryKey: productKeys.models(q), queryFn: () => api<{ items: ProductModel[]; total: number }>('/product-models', { query: { ...q } }), placeholderData: keepPreviousData, staleTime: 60_000 });
}
export function useSerialUnits(q: ListQuery & { customerId?: string; serialNumber?: string }, enabled = true) {
  return useQuery({ queryKey: productKeys.units(q), queryFn: () => api<{ items: SerialUnit[]; total: number }>('/serial-units', { query: { ...q } }), placeholderData: keepPreviousData, enabled });
}
/** Serial number lookup for intake: null when there is no such unit. */
export function useUnitBySerial(serialNumber: string) {
  return useQuery({
    queryKey: productKeys.bySerial(serialNumber),
    enabled: serialNumber.trim().length > 0,
    retry: false,
    queryFn: async () => {
      try {
        return await api<SerialUnit>(`/serial-units/by-serial/${encodeURIComponent(serialNumber.trim())}`);
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
    mutationFn: (body: Omit<ProductModel, 'id' | 'createdAt'>) => api<ProductModel>('/product-models', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['product-models'] }),
  });
}
export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { serialNumber: string; productModelId: string; customerId?: string | null; purchaseDate?: string | null; purchaseChannel?: string | null; batch?: string | null }) =>
      api<SerialUnit>('/serial-units', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['serial-units'] }),
  });
}
