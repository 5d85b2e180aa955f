// The queue opened from a link (the service quality dashboard's click-through, web/src/features/reports/
// queue-link.ts): the filters in the URL, checked against what the list API accepts. Pure: no React.
// No app imports: the unit test (test/unit/queue-link-filters.test.ts) loads it outside the web build.

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD = /^[a-z_]{1,40}$/;

/** Parameters the list API filters on, each with the check its value must pass. */
const SUPPORTED: Record<string, (v: string) => boolean> = {
  createdFrom: (v) => ISO_DATETIME.test(v),
  createdTo: (v) => ISO_DATETIME.test(v),
  productModelId: (v) => UUID.test(v),
  customerId: (v) => UUID.test(v),
  ownerId: (v) => UUID.test(v) || v === 'none' || v === 'me',
  team: (v) => v.length <= 100,
  channel: (v) => WORD.test(v),
  requestType: (v) => WORD.test(v),
  solutionType: (v) => WORD.test(v),
  priority: (v) => WORD.test(v),
  sla: (v) => WORD.test(v),
  open: (v) => v === 'true' || v === 'false',
  q: (v) => v.length <= 200,
  productCategory: (v) => v.length <= 100,
  batch: (v) => v.length <= 100,
  faultCategory: (v) => /^[a-z][a-z0-9_]{1,39}$/.test(v),
  regionId: (v) => UUID.test(v),
  province: (v) => /^\d{2}$/.test(v),
};
/** Parameters a link may carry that the queue cannot apply (none now: kept for links from newer dashboards). */
export const NOT_APPLIED = [] as const;

/** The list API's filter parameters as the link spells them (the queue reads them as its TicketFilters). */
export type LinkedTicketFilters = Partial<Record<string, string>> & { status?: string[] };

export interface LinkFilters {
  filters: LinkedTicketFilters;
  /** Parameters present in the link that are not applied (shown, so no one trusts a wider list). */
  notApplied: string[];
}

/** The link's filters, or null when the URL carries none (the queue then opens as usual). `statuses`: the ticket statuses (TICKET_STATUSES). */
export function filtersFromLink(params: URLSearchParams, statuses: readonly string[]): LinkFilters | null {
  const filters: LinkedTicketFilters = {};
  const notApplied: string[] = [];
  for (const [k, v] of params) {
    if (!v) continue;
    if (k === 'status') {
      if (statuses.includes(v)) filters.status = [...(filters.status ?? []), v];
    } else if (Object.hasOwn(SUPPORTED, k)) {
      if (SUPPORTED[k]!(v)) filters[k] = v;
    } else if ((NOT_APPLIED as readonly string[]).includes(k)) notApplied.push(k);
  }
  if (!Object.keys(filters).length && !notApplied.length) return null;
  return { filters, notApplied };
}
