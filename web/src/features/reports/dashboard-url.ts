import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { KpiFilters } from './api';

// 看板地址 The dashboard's period and filters live in its address (/reports?from&to&productModelId…),
// so a reload, the back button from a list it opened, or a link sent to a colleague shows the same
// figures. The names are the KPI query's (GET /reports/kpi), which the returns, refunds and parts
// figures take too.

export type Dims = Omit<KpiFilters, 'from' | 'to'>;
const DIM_KEYS = ['team', 'engineerId', 'productCategory', 'productModelId', 'batch', 'customerId', 'channel', 'regionId', 'province'] as const;

const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');
/** A YYYY-MM-DD that is a real date, or null (a hand-edited address falls back to this month). */
const dayOf = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid() && fmt(dayjs(s)) === s ? dayjs(s) : null);

export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const range = useMemo<[Dayjs, Dayjs]>(() => {
    const from = dayOf(params.get('from'));
    const to = dayOf(params.get('to'));
    return from && to && !to.isBefore(from) ? [from, to] : [dayjs().startOf('month'), dayjs().startOf('day')];
  }, [params]);
  const dims = useMemo<Dims>(() => Object.fromEntries(DIM_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))), [params]);
  const filters: KpiFilters = useMemo(() => ({ from: fmt(range[0]), to: fmt(range[1]), ...dims }), [range, dims]);

  // Replaced, not pushed: the back button leaves the dashboard instead of undoing each filter.
  const write = useCallback(
    (next: KpiFilters) => setParams(new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => Boolean(e[1]))), { replace: true }),
    [setParams],
  );
  const setRange = useCallback((r: [Dayjs, Dayjs]) => write({ ...filters, from: fmt(r[0]), to: fmt(r[1]) }), [filters, write]);
  const setDims = useCallback((change: Partial<Dims>) => write({ ...filters, ...change }), [filters, write]);
  return { range, dims, filters, setRange, setDims, hasDims: Object.keys(dims).length > 0 };
}
