import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket, makeUser } from '../../../test/factories';
import { normalizePhone } from '../../domain/pii/mask';
import { contacts } from './customers.tables';
import { insertCustomer } from './customers.service';

// Intake that catches mistakes: a known phone or e-mail names the existing customer; phones are
// checked, indexed however typed and shown formatted; the queue finds a caller by number or e-mail.
let t: TestApp;
let existing: { id: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  existing = await makeCustomer(t, {
    name: '宁波港机设备有限公司',
    confirmNew: false,
    contacts: [{ name: '周九', phone: '13566667777', email: 'zhou.jiu@example.com' }],
  });
});
afterAll(async () => t?.close());

type AuditEvent = { type: string; actorId: string | null; data: Record<string, unknown> | null };
const chain = async (subjectType: string, id: string) =>
  (await t.as('manager', { method: 'GET', url: `/api/v1/audit/${subjectType}/${id}` })).json().items as AuditEvent[];
const countCustomers = async (name: string) => (await t.ctx.database.exec(`select count(*)::int as n from customers where name = $1`, [name])).rows[0]!.n;
const countTickets = async () => (await t.ctx.database.exec('select count(*)::int as n from tickets')).rows[0]!.n;

describe('a new customer with a known phone or e-mail', () => {
  it('is refused with 409 customer_exists naming the existing customer, however the phone is typed', async () => {
    for (const contact of [{ phone: '+86 135-6666-7777' }, { email: 'Zhou.Jiu@Example.com' }]) {
      const res = await t.as('agent', {
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: '宁波港机（重复）', contacts: [{ name: '周九', ...contact }] },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'customer_exists',
        message: expect.stringContaining('宁波港机设备有限公司'),
        details: { customerId: existing.id, customerName: '宁波港机设备有限公司' },
        requestId: expect.any(String),
      });
    }
    expect(await countCustomers('宁波港机（重复）')).toBe(0);
  });

  it('is created when the request confirms a new customer', async () => {
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '宁波港机二厂', confirmNew: true, contacts: [{ name: '周九', phone: '135 6666 7777' }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await countCustomers('宁波港机二厂')).toBe(1);
  });

  it('is refused the same on ticket intake, and nothing is written', async () => {
    const before = await countTickets();
    const payload = { channel: 'phone', requestType: 'repair', description: '吊机变频器报警', customer: { name: '宁波港机分公司', phone: '135 6666 7777' } };
    const res = await t.as('agent', { method: 'POST', url: '/api/v1/tickets', payload });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'customer_exists', details: { customerId: existing.id, customerName: '宁波港机设备有限公司' } });
    expect(await countTickets()).toBe(before);
    expect(await countCustomers('宁波港机分公司')).toBe(0);
    const confirmed = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { ...payload, customer: { ...payload.customer, confirmNew: true } },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('does not refuse the retry of an intake that created the customer', async () => {
    const payload = { channel: 'phone', requestType: 'repair', description: '重试测试', customer: { name: '台州重试有限公司', phone: '13644445555' } };
    const send = () => t.as('agent', { method: 'POST', url: '/api/v1/tickets', payload, headers: { 'idempotency-key': 'dup-retry-1' } });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const again = await send();
    expect(again.statusCode, again.body).toBeLessThan(300);
    expect(again.json().id).toBe(first.json().id);
    expect(await countCustomers('台州重试有限公司')).toBe(1);
  });

  it('the lookup behind the answer is audited on the user, without the value', async () => {
    const u = await makeUser(t, { role: 'agent' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: u.cookie },
      payload: { name: '探测号码公司', contacts: [{ name: '某人', phone: '13566667777' }] },
    });
    expect(res.statusCode).toBe(409);
    const events = (await chain('user', u.id)).filter((e) => e.type === 'contact_lookup');
    expect(events).toEqual([expect.objectContaining({ data: expect.objectContaining({ fields: ['phone'], matches: expect.any(Number) }) })]);
    expect(JSON.stringify(events)).not.toMatch(/6666\s?7777/);
    // A number nobody has discloses nothing: no lookup is recorded for it.
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: u.cookie },
      payload: { name: '全新号码公司', contacts: [{ name: '新人', phone: '13766661234' }] },
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect((await chain('user', u.id)).filter((e) => e.type === 'contact_lookup')).toHaveLength(1);
  });
});

describe('the contact of a new company', () => {
  it('is never named after the company on intake', async () => {
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { channel: 'phone', requestType: 'consultation', description: '咨询保修', customer: { name: '温州无名联系人有限公司', phone: '13611112222' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${res.json().id}` })).json();
    expect(detail.contact).toMatchObject({ masked: false, name: null, phone: '136 1111 2222' });
  });

  it('is the person, when the customer is a person', async () => {
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { channel: 'walk_in', requestType: 'repair', description: '家用设备不通电', customer: { name: '钱多多', kind: 'person', phone: '13622223333' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${res.json().id}` })).json();
    expect(detail.contact.name).toBe('钱多多');
  });
});

describe('phone numbers', () => {
  it('are refused when they are not a mobile, a landline with area code or an international number', async () => {
    for (const phone of ['5555 6666', '1381234567', '13812345678 转 1', 'tel']) {
      const res = await t.as('agent', { method: 'POST', url: '/api/v1/customers', payload: { name: '号码错误公司', contacts: [{ name: '赵一', phone }] } });
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.contacts.0.phone']);
      const ticket = await t.as('agent', {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { channel: 'phone', requestType: 'repair', description: 'x', customer: { name: '号码错误公司', phone } },
      });
      expect(ticket.statusCode, phone).toBe(400);
      expect(ticket.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.customer.phone']);
    }
    expect(await countCustomers('号码错误公司')).toBe(0);
  });

  it('are shown formatted and found however they are typed', async () => {
    const c = await makeCustomer(t, {
      name: '上海总机有限公司',
      contacts: [
        { name: '前台', phone: '(021) 5555-6666 ext 123' },
        { name: '伦敦办事处', phone: '0044 20 7946 0958' },
      ],
    });
    const clear = (await t.as('manager', { method: 'GET', url: `/api/v1/customers/${c.id}` })).json();
    expect(clear.contacts.map((x: { phone: string }) => x.phone)).toEqual(['021-5555 6666 转 123', '+44 20 7946 0958']);
    const masked = (await t.as('agent', { method: 'GET', url: `/api/v1/customers/${c.id}` })).json();
    expect(masked.contacts.map((x: { phone: string }) => x.phone)).toEqual(['021****6666', '+44****0958']);
    for (const typed of ['021-55556666转123', '+86 21 5555 6666 转 123', '+44 2079460958']) {
      const found = (await t.as('agent', { method: 'GET', url: `/api/v1/customers?phone=${encodeURIComponent(typed)}` })).json();
      expect(
        found.items.map((x: { id: string }) => x.id),
        typed,
      ).toEqual([c.id]);
    }
  });

  it('stored under the key used before validation are still found by any spelling', async () => {
    // A contact written by the old code, from "+86 21 6666 8888" (its index key kept the +86).
    const c = await makeCustomer(t, { name: '旧数据客户', contacts: [] });
    await t.ctx.db.insert(contacts).values({
      id: crypto.randomUUID(),
      customerId: c.id,
      nameEnc: t.ctx.keys.encrypt('老联系人'),
      phoneEnc: t.ctx.keys.encrypt('+86 21 6666 8888'),
      phoneBidx: t.ctx.keys.blindIndex(normalizePhone('+86 21 6666 8888')),
      isPrimary: true,
      createdAt: new Date(),
    });
    const found = (await t.as('agent', { method: 'GET', url: `/api/v1/customers?phone=${encodeURIComponent('021-6666 8888')}` })).json();
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const clear = (await t.as('manager', { method: 'GET', url: `/api/v1/customers/${c.id}` })).json();
    expect(clear.contacts[0].phone).toBe('021-6666 8888');
  });
});

describe('queue search by a caller', () => {
  it("finds tickets by the contact's full phone or e-mail through the blind index, audited", async () => {
    const c = await makeCustomer(t, { name: '嘉兴检索测试厂', contacts: [{ name: '孔十', phone: '15877778888', email: 'kong.shi@example.org' }] });
    const { id } = await makeTicket(t, { customerId: c.id });
    const u = await makeUser(t, { role: 'engineer' });
    const search = async (q: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(q)}`, headers: { cookie: u.cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((x) => x.id);
    };
    for (const q of ['158 7777 8888', '+86 15877778888', 'KONG.SHI@example.org']) expect(await search(q), q).toEqual([id]);
    expect(await search('15877778889')).toEqual([]);
    const events = (await chain('user', u.id)).filter((e) => e.type === 'contact_lookup');
    expect(events).toHaveLength(4);
    expect(events[0]!.data).toEqual({ fields: ['phone'], matches: 1, customerIds: [c.id] });
    expect(JSON.stringify(events)).not.toMatch(/7777|kong/);
    const stored = JSON.stringify((await t.ctx.database.exec('select search_plain from tickets where id = $1', [id])).rows);
    expect(stored).not.toMatch(/15877778888|kong/);
  });

  it('counts against the 30-a-minute exact lookup limit', async () => {
    const u = await makeUser(t, { role: 'agent' });
    const search = (q: string) => t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(q)}`, headers: { cookie: u.cookie } });
    for (let i = 0; i < 30; i++) expect((await search(`1580000${String(i).padStart(4, '0')}`)).statusCode, `lookup ${i}`).toBe(200);
    const refused = await search('15800009999');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    // Words are not exact lookups.
    expect((await search('变频器')).statusCode).toBe(200);
  });
});

describe('the agent who registered a request', () => {
  it('sees its contact in clear while it is open, audited as such', async () => {
    const c = await makeCustomer(t, { name: '绍兴受理人测试厂', contacts: [{ name: '吴十一', phone: '13733334444' }] });
    const u = await makeUser(t, { role: 'agent' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: u.cookie },
      payload: { channel: 'phone', requestType: 'repair', description: '设备异响', customerId: c.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: { cookie: u.cookie } });
    expect(view.json().contact).toMatchObject({ masked: false, phone: '137 3333 4444' });
    const viewed = (await chain('customer', c.id)).filter((e) => e.type === 'pii_viewed');
    expect(viewed).toEqual([expect.objectContaining({ actorId: u.id, data: expect.objectContaining({ basis: 'recorder', ticketId: id }) })]);
    // Another agent still sees it masked.
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json().contact).toMatchObject({ masked: true, phone: '137****4444' });
  });
});

describe('the same new caller registered twice at the same moment', () => {
  it('makes one customer: the other registration is refused naming it, and that disclosure is audited', async () => {
    const phone = '13911112222';
    const register = (name: string, via: 'customer' | 'ticket') =>
      via === 'customer'
        ? t.as('agent', { method: 'POST', url: '/api/v1/customers', payload: { name, contacts: [{ name: '吴十', phone }] } })
        : t.as('agent', {
            method: 'POST',
            url: '/api/v1/tickets',
            payload: { channel: 'phone', requestType: 'repair', description: '设备无法开机', customer: { name, kind: 'person', phone } },
          });
    const answers = await Promise.all([register('吴十', 'customer'), register('吴十', 'ticket'), register('吴十', 'customer'), register('吴十', 'ticket')]);
    const created = answers.filter((r) => r.statusCode === 201);
    const refused = answers.filter((r) => r.statusCode === 409);
    expect(created.length, answers.map((r) => r.body).join('\n')).toBe(1);
    expect(refused).toHaveLength(3);
    expect(await countCustomers('吴十')).toBe(1);
    const holder = refused[0]!.json().error.details.customerId as string;
    for (const r of refused) expect(r.json().error).toMatchObject({ code: 'customer_exists', details: { customerId: holder, customerName: '吴十' } });
    // Every refusal told the agent whose number it is: each disclosure is on the agent's chain.
    const lookups = (await chain('user', t.users.agent.id)).filter(
      (e) => e.type === 'contact_lookup' && (e.data?.customerIds as string[] | undefined)?.includes(holder),
    );
    expect(lookups).toHaveLength(3);
  });

  it('a second creation waits for the first one in flight and is refused once it commits', async () => {
    const actor = { id: t.users.agent.id, name: '客服', role: 'agent' };
    const input = { name: '郑十一', kind: 'person' as const, notes: null, contacts: [{ name: '郑十一', email: 'zheng@example.com' }] };
    let inserted!: () => void;
    let release!: () => void;
    const insertedP = new Promise<void>((r) => (inserted = r));
    const releaseP = new Promise<void>((r) => (release = r));
    const first = t.ctx.db.transaction(async (tx) => {
      await insertCustomer(tx, t.ctx, input, actor);
      inserted();
      await releaseP;
    });
    await insertedP;
    const second = t.ctx.db.transaction((tx) => insertCustomer(tx, t.ctx, input, actor));
    const outcome = second.then(
      () => 'created',
      (err: { code?: string }) => err.code,
    );
    await new Promise((r) => setTimeout(r, 300));
    release();
    await first;
    expect(await outcome).toBe('customer_exists');
    expect(await countCustomers('郑十一')).toBe(1);
  });
});
