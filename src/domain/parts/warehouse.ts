// 仓库 Warehouses: central and regional stock, and each engineer's personal stock (个人库).
export const WAREHOUSE_KINDS = ['central', 'regional', 'engineer'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export const WAREHOUSE_KIND_LABELS: Record<WarehouseKind, { zh: string; en: string }> = {
  central: { zh: '中心库', en: 'Central' },
  regional: { zh: '区域库', en: 'Regional' },
  engineer: { zh: '个人库', en: 'Engineer stock' },
};

/**
 * Low-stock alerts watch the warehouses that replenish others. An engineer's personal stock holds a
 * few pieces for the next visits: below the part's threshold most of the time, and refilled by a
 * transfer, not by purchasing — alerting there would only flood the stock keepers.
 */
export const alertsLowStock = (kind: WarehouseKind): boolean => kind !== 'engineer';
