import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../src/modules/audit/audit.verify';
import { generateScaleData, type GenerateReport } from '../src/seed/scale/generate';
import { createTestApp, type TestApp } from './helpers/app';

// `npm run cli -- generate` at a small size: what it writes must be what the app itself would have
// written, so the queue lists it, a ticket opens, its audit chain verifies, search finds the fault
// words and a caller's phone finds their tickets through the blind index. A second run adds more.
describe('scale generator', () => {
  let t: TestApp;
  let first: GenerateReport;
  beforeAll(async () => {
    t = await createTestApp();
    first = await generateScaleData(t.ctx, { tickets: 300, seed: 7 });
  }, 300_000);
  afterAll(async () => t?.close());

  const list = async (query: string) => {
    const res = await t.as('manager', { method: 'GET', url: `/api/v1/tickets?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; items: { id: string; number: string; customerId: string; status: string }[] }>();
  };

  it('writes the requested history: about 30 % open, every ticket in the queue the web app asks for', async () => {
    expect(first.tickets).toBe(300);
    expect(first.open / first.tickets).toBeGreaterThan(0.2);
    expect(first.open / first.tickets).toBeLessThan(0.45);
    const all = await list('sort=-createdAt&limit=50&offset=0');
    expect(all.total).toBe(300);
    expect(all.items[0]!.number).toMatch(/^WX\d{11,}$/);
    const open = await list('open=true&sort=-createdAt&limit=50&offset=0');
    expect(open.total).toBe(first.open);
  });

  it('opens a generated ticket with its timeline, clocks and customer', async () => {
    const { items } = await list('status=closed&sort=-createdAt&limit=1&offset=0');
    const res = await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${items[0]!.id}` });
    expect(res.statusCode).toBe(200);
    const detail = res.json<{ number: string; status: string; clocks: { status: string }[]; customerName?: string }>();
    expect(detail.number).toBe(items[0]!.number);
    expect(detail.clocks.length).toBeGreaterThan(0);
    expect(detail.clocks.every((c) => c.status !== 'running')).toBe(true);
    const events = await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${items[0]!.id}/events` });
    expect(events.statusCode).toBe(200);
    const types = events.json<{ items: { type: string }[] }>().items.map((e) => e.type);
    expect(types[0]).toBe('created');
    expect(types).toContain('assigned');
    expect(types.at(-1)).toBe('status_changed');
  });

  it('keeps every audit chain intact and every ticket row equal to what its events say', async () => {
    const report = await verifyAuditTrail(t.ctx, { writeCheckpoint: false });
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(300 * 4);
  });

  it('finds a fault word exactly where the tickets say it (same search columns as the create path)', async () => {
    const expected = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where search_plain like '%电源模块%'`);
    expect(expected.rows[0]!.n).toBeGreaterThan(0);
    const found = await list(`q=${encodeURIComponent('电源模块')}&sort=-createdAt&limit=50&offset=0`);
    expect(found.total).toBe(expected.rows[0]!.n);
  });

  it('stores contacts encrypted, and a full phone number finds its caller’s tickets through the blind index', async () => {
    const r = await t.ctx.db.execute<{ customer_id: string; phone_enc: string; name_enc: string }>(sql`
      select c.customer_id, c.phone_enc, c.name_enc from contacts c
       where c.is_primary and exists (select 1 from tickets t where t.contact_id = c.id) order by c.created_at limit 1`);
    const contact = r.rows[0]!;
    const phone = t.ctx.keys.decrypt(contact.phone_enc);
    expect(contact.phone_enc).not.toContain(phone.replace(/\D/g, '').slice(-4));
    expect(t.ctx.keys.decrypt(contact.name_enc)).toMatch(/\p{Script=Han}/u);
    const found = await list(`q=${encodeURIComponent(phone.replace(/\D/g, ''))}&sort=-createdAt&limit=50&offset=0`);
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((i) => i.customerId === contact.customer_id)).toBe(true);
  });

  it('adds another history on a second run with the same seed, without colliding', async () => {
    const second = await generateScaleData(t.ctx, { tickets: 120, seed: 7 });
    expect(second.tickets).toBe(120);
    expect((await list('sort=-createdAt&limit=1&offset=0')).total).toBe(420);
    const dup = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (select number from tickets group by number having count(*) > 1) d`);
    expect(dup.rows[0]!.n).toBe(0);
    const report = await verifyAuditTrail(t.ctx, { writeCheckpoint: false });
    expect(report.problems).toEqual([]);
  }, 300_000);
});
