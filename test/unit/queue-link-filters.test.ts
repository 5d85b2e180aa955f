import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../src/domain/ticket/ticket.status';
import { filtersFromLink as read } from '../../web/src/features/tickets/link-filters';

const filtersFromLink = (p: URLSearchParams) => read(p, TICKET_STATUSES);

// The dashboard's click-through: every parameter the dashboard puts in its links is read back by the
// queue and applied, or listed as not applied.
const params = (url: string) => new URL(url, 'http://x').searchParams;

describe('queue filters from a dashboard link', () => {
  it('reads back the period and every dimension the dashboard sets', () => {
    // What web/src/features/reports/queue-link.ts builds for this period and these dimensions (it
    // cannot be imported here: its types come through the web app's path aliases).
    const url = `/tickets?${new URLSearchParams({
      createdFrom: '2026-11-01T00:00:00+08:00',
      createdTo: '2026-11-30T23:59:59.999+08:00',
      team: '华东组',
      ownerId: '6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      productCategory: '电子类',
      productModelId: '7f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      batch: 'B2611',
      customerId: '8f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      channel: 'phone',
      sla: 'breached',
      requestType: 'complaint',
    }).toString()}`;
    const got = filtersFromLink(params(url))!;
    expect(got.filters).toEqual({
      createdFrom: '2026-11-01T00:00:00+08:00',
      createdTo: '2026-11-30T23:59:59.999+08:00',
      team: '华东组',
      ownerId: '6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      productCategory: '电子类',
      productModelId: '7f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      batch: 'B2611',
      customerId: '8f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      channel: 'phone',
      sla: 'breached',
      requestType: 'complaint',
    });
    expect(got.notApplied).toEqual([]);
  });

  it('keeps the backlog links (open, no start) and status, drops malformed values, and is null without filters', () => {
    const backlog = filtersFromLink(params(`/tickets?createdTo=${encodeURIComponent('2026-11-30T23:59:59.999+08:00')}&open=true&sla=warning`))!;
    expect(backlog.filters).toMatchObject({ open: 'true', sla: 'warning', createdTo: '2026-11-30T23:59:59.999+08:00' });
    expect(backlog.filters).not.toHaveProperty('createdFrom');
    expect(filtersFromLink(params('/tickets?status=resolved&status=closed'))!.filters.status).toEqual(['resolved', 'closed']);
    expect(filtersFromLink(params('/tickets?productModelId=1%27%20or&status=nope&createdFrom=yesterday'))).toBeNull();
    expect(filtersFromLink(params('/tickets'))).toBeNull();
    expect(filtersFromLink(params('/tickets?faultCategory=power&province=32'))!.filters).toEqual({ faultCategory: 'power', province: '32' });
    expect(filtersFromLink(params('/tickets?faultCategory=Power%20fault&province=上海'))).toBeNull();
  });
});
