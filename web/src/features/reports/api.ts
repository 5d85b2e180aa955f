import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
