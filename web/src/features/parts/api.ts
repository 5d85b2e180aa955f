import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';

export type Part = Schemas['Part'];
export type Warehouse = Schemas['Warehouse'];
export type StockLevel = Schemas['StockLevel'];
export type StockMovement = Schemas['StockMovementListItem'];
export type OldPart = Schemas['OldPartListItem'];
export type Reservation = Schemas['PartReservationListItem'];

interface Page {
  limit?: number;
  offset?: number;
}
export interface StockFilter extends Page {
  warehouseId?: string;
  partId?: string;
  lowOnly?: 'true';
}
export interface MovementFilter extends Page {
  warehouseId?: string;
  partId?: string;
  kind?: StockMovement['kind'];
  /** The dashboard's period (local days, inclusive). */
  from?: string;
  to?: string;
}

export const partsKeys = {
  all: ['parts'] as const,
  parts: (q: Page & { q?: string }) => ['parts', 'catalogue', q] as const,
  warehouses: ['parts', 'warehouses'] as const,
  stock: (q: StockFilter) => ['parts', 'stock', q] as const,
  movements: (q: MovementFilter) => ['parts', 'movements', q] as const,
  oldParts: (q: Page & { outstanding?: 'true' }) => ['parts', 'old-parts', q] as const,
  reservations: (q: Page & { activeOnly?: 'true' }) => ['parts', 'reservations', q] as const,
};

export function useParts(q: Page & { q?: string } = { limit: 200 }) {
  return useQuery({
    queryKey: partsKeys.parts(q),
    queryFn: () => api<ResponseOf<'listParts'>>('/parts', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}
export function useWarehouses() {
  return useQuery({ queryKey: partsKeys.warehouses, queryFn: () => api<ResponseOf<'listWarehouses'>>('/warehouses'), staleTime: 60_000 });
}
export function useStock(q: StockFilter) {
  return useQuery({
    queryKey: partsKeys.stock(q),
    queryFn: () => api<ResponseOf<'listStock'>>('/stock', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}
export function useMovements(q: MovementFilter) {
  return useQuery({
    queryKey: partsKeys.movements(q),
    queryFn: () => api<ResponseOf<'listStockMovements'>>('/stock/movements', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}
export function useOldParts(q: Page & { outstanding?: 'true' }) {
  return useQuery({
    queryKey: partsKeys.oldParts(q),
    queryFn: () => api<ResponseOf<'listOldParts'>>('/parts/old-parts', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

export function useReservations(q: Page & { activeOnly?: 'true' }) {
  return useQuery({
    queryKey: partsKeys.reservations(q),
    queryFn: () => api<ResponseOf<'listPartReservations'>>('/stock/reservations', { query: { ...q } }),
    placeholderData: keepPreviousData,
  });
}

/** Every stock change refreshes every parts view (levels, ledger, old parts). */
function useStockMutation<B, R>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: partsKeys.all }) });
}
export const useCreatePart = () => useStockMutation((body: BodyOf<'createPart'>) => api<ResponseOf<'createPart'>>('/parts', { method: 'POST', body }));
export const useReceive = () =>
  useStockMutation((body: BodyOf<'receiveStock'>) => api<ResponseOf<'receiveStock'>>('/stock/receipts', { method: 'POST', body }));
export const useTransfer = () =>
  useStockMutation((body: BodyOf<'transferStock'>) => api<ResponseOf<'transferStock'>>('/stock/transfers', { method: 'POST', body }));
export const useReturnUnused = () =>
  useStockMutation((body: BodyOf<'returnUnusedParts'>) => api<ResponseOf<'returnUnusedParts'>>('/stock/returns', { method: 'POST', body }));
export const useMoveOldPart = () =>
  useStockMutation(({ id, ...body }: BodyOf<'moveOldPart'> & { id: string }) =>
    api<ResponseOf<'moveOldPart'>>(`/parts/old-parts/${id}/moves`, { method: 'POST', body }),
  );
export const useShip = () =>
  useStockMutation(({ id, ...body }: BodyOf<'shipPartReservation'> & { id: string }) =>
    api<ResponseOf<'shipPartReservation'>>(`/stock/reservations/${id}/ship`, { method: 'POST', body }),
  );
