import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket } from '../../../test/factories';

// Registering a request for an existing customer: tickets learn the customer's name and contact
// from the customers module (customerForIntake), in the same round trip as the day's number.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const ticketCount = async () => (await t.as('manager', { method: 'GET', url: '/api/v1/tickets?limit=1' })).json().total as number;

describe('a ticket for an existing customer', () => {
  it('talks to the primary contact when the agent picks none, and is found by the customer’s name', async () => {
    const customer = await makeCustomer(t, {
      name: '常州汇川精工有限公司',
      contacts: [
        { name: '周采购', phone: '13511112222', isPrimary: false },
        { name: '吴主管', phone: '13533334444', isPrimary: true },
      ],
    });
    const { id } = await makeTicket(t, { customerId: customer.id });
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    const primary = customer.contacts.filter((c) => c.isPrimary);
    expect(primary).toHaveLength(1);
    expect(detail.contactId).toBe(primary[0]!.id);
    expect(detail.customer.name).toBe('常州汇川精工有限公司');
    const found = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent('汇川精工')}` })).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('refuses an unknown customer on the field, in the caller’s language, and creates nothing', async () => {
    await makeTicket(t);
    const before = await ticketCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: t.cookies.agent, 'accept-language': 'en' },
      payload: { channel: 'phone', requestType: 'repair', description: '设备无法启动', customerId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'Customer does not exist',
      issues: [{ path: 'customerId', code: 'not_found' }],
      requestId: expect.any(String),
    });
    expect(await ticketCount()).toBe(before);
    // Numbering goes on after the refused request.
    expect((await makeTicket(t)).number).toMatch(/^WX\d{11}$/);
  });
});
