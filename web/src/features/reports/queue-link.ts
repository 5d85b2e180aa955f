import type { KpiFilters } from './api';

/**
 * The ticket queue behind a figure: the dashboard's period and filters as the queue's query
 * parameters (GET /api/v1/tickets names: createdFrom/createdTo, productModelId, customerId, channel,
 * team, ownerId, open, sla), plus what the figure adds (a backlog bucket, an SLA state, a fault).
 * The queue filters on every one of them (productCategory, batch, faultCategory, regionId, province too).
 */
export function queueLink(f: KpiFilters, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  const dims: Record<string, string | undefined> = {
    createdFrom: `${f.from}T00:00:00+08:00`,
    createdTo: `${f.to}T23:59:59.999+08:00`,
    team: f.team,
    ownerId: f.engineerId,
    productCategory: f.productCategory,
    productModelId: f.productModelId,
    batch: f.batch,
    customerId: f.customerId,
    channel: f.channel,
    regionId: f.regionId,
    province: f.province,
    ...extra,
  };
  // An extra set to '' removes a parameter (the backlog is not limited to tickets received in the period).
  for (const [k, v] of Object.entries(dims)) if (v) p.set(k, v);
  return `/tickets?${p.toString()}`;
}
