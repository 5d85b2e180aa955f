import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket, makeUser } from '../../../test/factories';
import { buildApp } from '../../http/app';

// Exact phone/e-mail lookups, who may reveal contact data, and taking a ticket to see it.
let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (await makeCustomer(t, { contacts: [{ name: '李四', phone: '13912345678', email: 'li.si@example.com' }] })).id;
});
afterAll(async () => t?.close());

type AuditEvent = { type: string; actorId: string | null; data: Record<string, unknown> | null };
const chain = async (subjectType: string, id: string) =>
  (await t.as('manager', { method: 'GET', url: `/api/v1/audit/${subjectType}/${id}` })).json().items as AuditEvent[];

describe('exact phone and e-mail lookups', () => {
  it('allow 30 a minute per user, across server processes, then 429 with the error shape', async () => {
    const second: FastifyInstance = await buildApp(t.ctx, {});
    try {
      const u = await makeUser(t, { role: 'finance' });
      const lookup = (app: FastifyInstance, n: number) =>
        app.inject({ method: 'GET', url: `/api/v1/customers?phone=1391234${String(n).padStart(4, '0')}`, headers: { cookie: u.cookie } });
      // Half on each server: an in-process limit would allow 30 on each.
      for (let i = 0; i < 30; i++) {
        const res = await lookup(i % 2 ? second : t.app, 5000 + i);
        expect(res.statusCode, `lookup ${i}`).toBe(200);
      }
      for (const app of [t.app, second]) {
        const refused = await lookup(app, 5678);
        expect(refused.statusCode).toBe(429);
        expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: expect.any(String), requestId: expect.any(String) });
        expect(refused.body).not.toContain('李');
      }
      // Name search is not an exact lookup; another user has their own budget.
      const byName = await t.app.inject({ method: 'GET', url: '/api/v1/customers?q=华东', headers: { cookie: u.cookie } });
      expect(byName.statusCode).toBe(200);
      expect((await t.as('finance', { method: 'GET', url: '/api/v1/customers?phone=13912345678' })).statusCode).toBe(200);
      // The next minute the user may look up again.
      t.clock.advance(60_000);
      const again = await lookup(t.app, 5678);
      expect(again.statusCode).toBe(200);
      expect(again.json().items.map((c: { id: string }) => c.id)).toEqual([customerId]);
    } finally {
      await second.close();
    }
  });

  it('are audited on the user, with the customers found and never the value', async () => {
    const u = await makeUser(t, { role: 'agent' });
    const asU = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: u.cookie } });
    expect((await asU('/api/v1/customers?phone=139-1234-5678')).json().total).toBe(1);
    expect((await asU('/api/v1/customers?email=nobody@example.com')).json().total).toBe(0);
    const events = (await chain('user', u.id)).filter((e) => e.type === 'contact_lookup');
    expect(events).toEqual([
      expect.objectContaining({ actorId: u.id, data: { fields: ['phone'], matches: 1, customerIds: [customerId] } }),
      expect.objectContaining({ actorId: u.id, data: { fields: ['email'], matches: 0, customerIds: [] } }),
    ]);
    const raw = JSON.stringify(events);
    expect(raw).not.toMatch(/1391234|nobody@/);
  });
});

describe('revealing contact data: one rule for customers and tickets', () => {
  it('lets the service desk, finance and logistics reveal on both, and refuses quality on both', async () => {
    const { id: ticketId } = await makeTicket(t, { customerId });
    for (const role of ['agent', 'engineer', 'finance', 'logistics'] as const) {
      const c = await t.as(role, { method: 'POST', url: `/api/v1/customers/${customerId}/reveal`, payload: { reason: '退款核对' } });
      expect(c.statusCode, `${role} customer`).toBe(200);
      const tk = await t.as(role, { method: 'POST', url: `/api/v1/tickets/${ticketId}/reveal`, payload: { reason: '寄件核对' } });
      expect(tk.statusCode, `${role} ticket`).toBe(200);
      expect(tk.json().contact).toMatchObject({ masked: false, phone: '139 1234 5678' });
    }
    const before = (await chain('customer', customerId)).length;
    for (const url of [`/api/v1/customers/${customerId}/reveal`, `/api/v1/tickets/${ticketId}/reveal`]) {
      const res = await t.as('quality', { method: 'POST', url, payload: { reason: '质量分析' } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(res.body).not.toMatch(/13912345678|1234 5678/);
    }
    expect(await chain('customer', customerId)).toHaveLength(before);
  });
});

describe('taking a ticket to see its contact', () => {
  it('is audited on the customer as a reveal with the reason "assigned"', async () => {
    const { id: ticketId } = await makeTicket(t, { customerId });
    const before = (await chain('customer', customerId)).length;
    const res = await t.as('engineer', { method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { ownerId: t.users.engineer.id } });
    expect(res.statusCode, res.body).toBe(200);
    const added = (await chain('customer', customerId)).slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        type: 'pii_revealed',
        actorId: t.users.engineer.id,
        data: expect.objectContaining({ basis: 'reveal', reason: 'assigned', ticketId }),
      }),
    ]);
  });

  it('is audited the same when an agent registers a request with themself as owner', async () => {
    const before = (await chain('customer', customerId)).length;
    const { id: ticketId } = await makeTicket(t, { customerId, ownerId: t.users.agent.id });
    const added = (await chain('customer', customerId)).slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        type: 'pii_revealed',
        actorId: t.users.agent.id,
        data: expect.objectContaining({ basis: 'reveal', reason: 'assigned', ticketId }),
      }),
    ]);
  });

  it('is not a reveal when someone else is made the owner', async () => {
    const { id: ticketId } = await makeTicket(t, { customerId });
    const before = (await chain('customer', customerId)).length;
    const res = await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { ownerId: t.users.engineer.id } });
    expect(res.statusCode).toBe(200);
    expect(await chain('customer', customerId)).toHaveLength(before);
  });

  it('needs the assign permission: finance cannot take a ticket', async () => {
    const { id: ticketId } = await makeTicket(t, { customerId });
    const res = await t.as('finance', { method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { ownerId: t.users.finance.id } });
    expect(res.statusCode).toBe(403);
    const detail = await t.as('finance', { method: 'GET', url: `/api/v1/tickets/${ticketId}` });
    expect(detail.json()).toMatchObject({ ownerId: null, contact: { masked: true } });
  });
});
