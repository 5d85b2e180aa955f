import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { SolutionType, TicketStatus } from '@domain/ticket/ticket.status';
import type { User } from '@/features/auth/api';
import type { TicketFilters } from './api';
import type { DimensionFilterState } from './DimensionFilters';
import type { LinkFilters } from './link-filters';
import { tabFilters, type QueueTab } from './queue-tabs';

export interface FilterState {
  status?: TicketStatus[];
  priority?: Priority;
  requestType?: RequestType;
  /** 解决方式 of resolved work (finance looks for returns and refunds). */
  solutionType?: SolutionType;
  channel?: Channel;
  ownerId?: string;
  customerId?: string;
  productModelId?: string;
  range?: [string, string];
  /** 产品类别, 批次, 故障类别, 大区/省份 (DimensionFilters). */
  dims?: DimensionFilterState;
}

export const PAGE_SIZE = 50;

/**
 * The dashboard's dimensions to ask for: the person's own choice once made (an emptied field stays
 * empty), else the link's. A region and a province go together (a province inside the region).
 */
export function dimensionsOf(own: DimensionFilterState | undefined, link: DimensionFilterState): DimensionFilterState {
  const from = own ?? link;
  return { productCategory: from.productCategory, batch: from.batch, faultCategory: from.faultCategory, regionId: from.regionId, province: from.province };
}

/** The list API query: the person's own filters win over the link's, and those over the tab's. */
export function queueQuery({
  tab,
  user,
  q,
  filters,
  sort,
  page,
  cursors,
  linked,
}: {
  tab: QueueTab;
  user: User;
  q: string;
  filters: FilterState;
  sort: string;
  page: number;
  cursors: string[];
  linked: LinkFilters | null;
}): TicketFilters {
  const base = tabFilters(tab, user);
  const link = (linked?.filters ?? {}) as TicketFilters; // checked against the list API's values in link-filters.ts
  const f: TicketFilters = {
    ...base,
    ...link,
    q: q || link.q || undefined,
    status: filters.status?.length ? filters.status : (link.status ?? base.status),
    priority: filters.priority ?? link.priority,
    requestType: filters.requestType ?? link.requestType ?? base.requestType,
    solutionType: filters.solutionType ?? link.solutionType,
    channel: filters.channel ?? link.channel,
    customerId: filters.customerId ?? link.customerId,
    productModelId: filters.productModelId ?? link.productModelId,
    ...dimensionsOf(filters.dims, link),
    createdFrom: filters.range ? filters.range[0] : link.createdFrom,
    createdTo: filters.range ? filters.range[1] : link.createdTo,
    sort,
    limit: PAGE_SIZE,
    cursor: page > 1 ? cursors[page - 2] : undefined,
  };
  if (filters.ownerId && tab !== 'mine' && tab !== 'unassigned') f.ownerId = filters.ownerId;
  if (f.status) delete f.open;
  return f;
}
