import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket, makeUser } from '../../../test/factories';

// The contact on a ticket is personal data: masked for everyone but the ticket's owner and managers,
// shown to others only on an audited reveal; every clear view lands on the customer's audit chain.
let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (
    await makeCustomer(t, {
      name: '杭州精工设备有限公司',
      contacts: [{ name: '张三', phone: '138 1234 5678', email: 'zhang.san@example.com', address: '浙江省杭州市滨江区网商路699号' }],
    })
  ).id;
});
afterAll(async () => t?.close());

type Role = Parameters<TestApp['as']>[0];
type AuditEvent = { seq: number; type: string; actorId: string | null; actorName: string | null; data: Record<string, unknown> | null };

const detail = async (role: Role, ticketId: string) => {
  const res = await t.as(role, { method: 'GET', url: `/api/v1/tickets/${ticketId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { ownerId: string | null; contact: { name: string; phone: string; email: string; address: string; masked: boolean } };
};
const customerAudit = async () => (await t.as('manager', { method: 'GET', url: `/api/v1/audit/customer/${customerId}` })).json().items as AuditEvent[];
const piiEvents = async () => (await customerAudit()).filter((e) => e.type === 'pii_viewed' || e.type === 'pii_revealed');
const assign = async (ticketId: string, ownerId: string | null) => {
  const res = await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { ownerId } });
  expect(res.statusCode, res.body).toBe(200);
};

describe("a ticket's contact", () => {
  it('is masked for an agent who does not own the ticket, and such a view is not logged as a PII view', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    const before = await piiEvents();
    for (const role of ['agent', 'engineer', 'finance'] as const) {
      const d = await detail(role, id);
      expect(d.contact, role).toMatchObject({ masked: true, name: '张*', phone: '138****5678', email: 'z***@example.com' });
      expect(d.contact.address).not.toContain('网商路699号');
      const raw = JSON.stringify(d);
      expect(raw).not.toMatch(/13812345678|1234 5678/);
      expect(raw).not.toContain('zhang.san@');
    }
    expect(await piiEvents()).toHaveLength(before.length);
  });

  it('is clear for the owner, and the view is audited on the customer with the ticket id', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    expect((await detail('engineer', id)).contact.masked).toBe(true);
    await assign(id, t.users.engineer.id);
    const before = await piiEvents();
    const d = await detail('engineer', id);
    expect(d.ownerId).toBe(t.users.engineer.id);
    expect(d.contact).toMatchObject({
      masked: false,
      name: '张三',
      phone: '138 1234 5678',
      email: 'zhang.san@example.com',
      address: '浙江省杭州市滨江区网商路699号',
    });
    const after = await piiEvents();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ type: 'pii_viewed', actorId: t.users.engineer.id, actorName: 'engineer', data: { basis: 'owner', ticketId: id } });
    // Still masked for the agent who registered it.
    expect((await detail('agent', id)).contact.masked).toBe(true);
  });

  it('audits every clear view: two reads by the owner are two events', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    await assign(id, t.users.engineer.id);
    const before = await customerAudit();
    await detail('engineer', id);
    await detail('engineer', id);
    const after = await customerAudit();
    const added = after.slice(before.length);
    expect(added.map((e) => e.type)).toEqual(['pii_viewed', 'pii_viewed']);
    expect(added.every((e) => e.actorId === t.users.engineer.id && e.data?.ticketId === id)).toBe(true);
    expect(added.map((e) => e.seq)).toEqual([before.length + 1, before.length + 2]);
  });

  it('is masked again for an engineer the ticket was taken away from', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    await assign(id, t.users.engineer.id);
    expect((await detail('engineer', id)).contact.masked).toBe(false);
    const other = await makeUser(t, { role: 'engineer', team: '华南服务组' });
    await assign(id, other.id);
    expect((await detail('engineer', id)).contact).toMatchObject({ masked: true, phone: '138****5678' });
    const asNewOwner = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: { cookie: other.cookie } });
    expect(asNewOwner.json().contact).toMatchObject({ masked: false, phone: '138 1234 5678' });
  });

  it('is shown clear to a manager, audited', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    const before = await piiEvents();
    expect((await detail('manager', id)).contact).toMatchObject({ masked: false, phone: '138 1234 5678' });
    const after = await piiEvents();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ type: 'pii_viewed', actorId: t.users.manager.id, data: { basis: 'manager', ticketId: id } });
  });
});

describe('revealing the contact on a ticket', () => {
  it('returns clear data to an agent who gives a reason, audited with the reason and the actor', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    const before = await piiEvents();
    const res = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/reveal`, payload: { reason: '客户来电要求核对联系电话' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(id);
    expect(res.json().contact).toMatchObject({ masked: false, name: '张三', phone: '138 1234 5678', email: 'zhang.san@example.com' });
    const after = await piiEvents();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      type: 'pii_revealed',
      actorId: t.users.agent.id,
      actorName: 'agent',
      data: { basis: 'reveal', reason: '客户来电要求核对联系电话' },
    });
    // A reveal is for that request only: the next plain read is masked again.
    expect((await detail('agent', id)).contact.masked).toBe(true);
  });

  it('refuses a reveal without a reason and shows nothing', async () => {
    const { id } = await makeTicket(t, { customerId }, 'manager');
    const before = await piiEvents();
    const res = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/reveal`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.reason');
    expect(res.body).not.toMatch(/13812345678|1234 5678/);
    expect(await piiEvents()).toHaveLength(before.length);
    const unknown = await t.as('agent', { method: 'POST', url: '/api/v1/tickets/7d1f3c8e-1111-4222-8333-944455556666/reveal', payload: { reason: '核对' } });
    expect(unknown.statusCode).toBe(404);
  });
});
