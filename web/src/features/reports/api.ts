import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 服务质量报表 (src/modules/reports/reports.routes.ts).
export type KpiReport = ResponseOf<'getKpiReport'>;
export interface KpiFilters {
  from: string;
  to: string;
  team?: string;
  engineerId?: string;
  productCategory?: string;
  productModelId?: string;
  batch?: string;
  customerId?: string;
  channel?: string;
  /** 大区 and/or 省份 of the customers. */
  regionId?: string;
  province?: string;
}

export const reportKeys = {
  all: ['reports'] as const,
  kpi: (f: KpiFilters) => ['reports', 'kpi', f] as const,
};

export function useKpi(f: KpiFilters) {
  return useQuery({
    queryKey: reportKeys.kpi(f),
    queryFn: () => api<KpiReport>('/reports/kpi', { query: { ...f } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export type StaffReport = ResponseOf<'getStaffReport'>;
export type OperationsReport = ResponseOf<'getOperationsReport'>;

export function useStaffReport(period: { from: string; to: string }) {
  return useQuery({
    queryKey: [...reportKeys.all, 'staff', period] as const,
    queryFn: () => api<StaffReport>('/reports/staff', { query: { ...period } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The returns, refunds and parts figures take the KPI figures' period and filters (one query schema on the server). */
export function useOperationsReport(f: KpiFilters) {
  return useQuery({
    queryKey: [...reportKeys.all, 'operations', f] as const,
    queryFn: () => api<OperationsReport>('/reports/operations', { query: { ...f } }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export type QualityReport = ResponseOf<'getQualityReport'>;

export function useQualityReports() {
  return useQuery({
    queryKey: [...reportKeys.all, 'quality'],
    queryFn: () => api<{ items: QualityReport[] }>('/reports/quality'),
    // While a report is being made, follow its progress.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false),
  });
}

export function useRequestQualityReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (period: string) => api<QualityReport>('/reports/quality', { method: 'POST', body: { period } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...reportKeys.all, 'quality'] }),
  });
}
