import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer } from '../../../test/factories';

let t: TestApp;
// The one customer in this file reachable by 13812345678 / zhang.san@example.com.
let zhang: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  zhang = await makeCustomer(t, {
    name: '华东精密制造有限公司',
    contacts: [
      { name: '张三', phone: '13812345678', email: 'zhang.san@example.com', address: '上海市浦东新区张江路100号' },
      { name: '李四', phone: '13900001111', email: 'li.si@example.com' },
    ],
  });
  await makeCustomer(t, { name: '北方重工机械厂', contacts: [{ name: '王五', phone: '13700002222', email: 'wang.wu@example.net' }] });
});
afterAll(async () => t?.close());

type Contact = { name: string | null; phone: string | null; email: string | null; address: string | null; isPrimary: boolean };
type Customer = { id: string; name: string; masked: boolean; contacts: Contact[] };

const list = async (query: string, role: 'agent' | 'finance' = 'agent') => {
  const res = await t.as(role, { method: 'GET', url: `/api/v1/customers?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Customer[]; total: number };
};
const auditOf = async (customerId: string) => {
  const res = await t.as('manager', { method: 'GET', url: `/api/v1/audit/customer/${customerId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { seq: number; type: string; actorId: string | null; actorName: string | null; data: Record<string, unknown> | null }[];
};

describe('creating a customer', () => {
  it('returns the customer with its contacts, masked, the first one primary', async () => {
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        name: '苏州晶圆测试有限公司',
        kind: 'company',
        contacts: [
          { name: '欧阳娜娜', phone: '13655556666', email: 'ouyang@example.com' },
          { name: '赵六', phone: '021-5555 6666' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as Customer;
    expect(c.name).toBe('苏州晶圆测试有限公司');
    expect(c.masked).toBe(true);
    expect(c.contacts).toHaveLength(2);
    expect(c.contacts[0]).toMatchObject({ name: '欧**娜', phone: '136****6666', email: 'o***@example.com', isPrimary: true });
    expect(c.contacts[1]!.isPrimary).toBe(false);
    const got = (await t.as('agent', { method: 'GET', url: `/api/v1/customers/${c.id}` })).json() as Customer;
    expect(got.contacts.map((x) => x.phone)).toEqual(['136****6666', expect.not.stringContaining('5555 6666')]);
    expect((await auditOf(c.id)).map((e) => e.type)).toEqual(['customer_created']);
  });

  it('stores no clear phone, email, name or address in the contacts table', async () => {
    const raw = await t.ctx.database.exec('select * from contacts where customer_id = $1', [zhang.id]);
    expect(raw.rows).toHaveLength(2);
    const stored = JSON.stringify(raw.rows);
    for (const clear of ['13812345678', 'zhang.san', 'example.com', '张三', '李四', '张江路', '13900001111']) {
      expect(stored).not.toContain(clear);
    }
    // Both contacts have a phone: each is stored as versioned ciphertext.
    for (const row of raw.rows) expect(String(row.phone_enc)).toMatch(/^v1:/);
  });

  it('rejects bad input with the field path and writes nothing', async () => {
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '无效邮箱测试公司', contacts: [{ name: '钱七', phone: '13811112222', email: 'not-an-email' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.contacts.0.email');
    const noName = await t.as('agent', { method: 'POST', url: '/api/v1/customers', payload: { name: '  ', kind: 'alien' } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['body.name', 'body.kind']));
    const written = await t.ctx.database.exec(`select count(*)::int as n from customers where name = '无效邮箱测试公司'`);
    expect(written.rows[0]!.n).toBe(0);
  });

  it('lets finance read customers but not create them', async () => {
    expect((await t.as('finance', { method: 'GET', url: `/api/v1/customers/${zhang.id}` })).statusCode).toBe(200);
    expect((await list('q=精密', 'finance')).items.map((c) => c.id)).toContain(zhang.id);
    const refused = await t.as('finance', { method: 'POST', url: '/api/v1/customers', payload: { name: '财务新建客户', contacts: [] } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const written = await t.ctx.database.exec(`select count(*)::int as n from customers where name = '财务新建客户'`);
    expect(written.rows[0]!.n).toBe(0);
  });

  it('answers 404 for an unknown customer id', async () => {
    const unknown = '7d1f3c8e-1111-4222-8333-944455556666';
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/customers/${unknown}` })).statusCode).toBe(404);
    expect((await t.as('manager', { method: 'GET', url: `/api/v1/customers/${unknown}` })).statusCode).toBe(404);
    const reveal = await t.as('agent', { method: 'POST', url: `/api/v1/customers/${unknown}/reveal`, payload: { reason: '客户来电核实' } });
    expect(reveal.statusCode).toBe(404);
    expect(reveal.json().error.code).toBe('not_found');
  });
});

describe('finding a customer', () => {
  it('searches by a Chinese substring of the name', async () => {
    const found = await list(`q=${encodeURIComponent('精密制造')}`);
    expect(found.items.map((c) => c.id)).toEqual([zhang.id]);
    expect(found.total).toBe(1);
    const other = await list(`q=${encodeURIComponent('重工')}`);
    expect(other.items.map((c) => c.name)).toEqual(['北方重工机械厂']);
    expect((await list(`q=${encodeURIComponent('不存在的公司名')}`)).items).toEqual([]);
  });

  it('finds the customer by exact phone in any common formatting', async () => {
    for (const phone of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678']) {
      const found = await list(`phone=${encodeURIComponent(phone)}`);
      expect(
        found.items.map((c) => c.id),
        phone,
      ).toEqual([zhang.id]);
    }
    // The second contact of the same customer is found too; a prefix is not an exact match.
    expect((await list('phone=13900001111')).items.map((c) => c.id)).toEqual([zhang.id]);
    expect((await list('phone=1381234567')).items).toEqual([]);
    expect((await list('phone=13812345679')).total).toBe(0);
  });

  // Product bug (see report): a phone without digits normalises to '' and every such phone shares one
  // blind-index value, so looking up one placeholder finds every customer entered with another.
  it('refuses a placeholder for a phone, and does not match phones that contain no digits at all', async () => {
    const placeholder = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '电话不详的客户', contacts: [{ name: '孙八', phone: '暂无' }] },
    });
    expect(placeholder.statusCode).toBe(400);
    expect(placeholder.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.contacts.0.phone']);
    expect((await list(`phone=${encodeURIComponent('不详')}`)).items).toEqual([]);
    expect((await list(`phone=${encodeURIComponent('-')}`)).items).toEqual([]);
  });

  it('finds the customer by email regardless of case', async () => {
    for (const email of ['zhang.san@example.com', 'ZHANG.SAN@Example.COM', ' Zhang.San@example.com ']) {
      const found = await list(`email=${encodeURIComponent(email)}`);
      expect(
        found.items.map((c) => c.id),
        email,
      ).toEqual([zhang.id]);
    }
    expect((await list(`email=${encodeURIComponent('zhang.san@example.net')}`)).items).toEqual([]);
  });

  it('masks contact data in the list', async () => {
    const found = await list('phone=13812345678');
    const c = found.items[0]!;
    expect(c.masked).toBe(true);
    const first = c.contacts.find((x) => x.phone === '138****5678');
    expect(first).toMatchObject({ name: '张*', email: 'z***@example.com' });
    expect(first!.address).not.toContain('张江路100号');
    expect(JSON.stringify(found)).not.toMatch(/13812345678|1234 5678/);
    expect(JSON.stringify(found)).not.toContain('zhang.san');
  });
});

describe('who sees personal data in clear', () => {
  it("masks an agent's view and does not count it as a view of personal data", async () => {
    const before = await auditOf(zhang.id);
    const res = await t.as('agent', { method: 'GET', url: `/api/v1/customers/${zhang.id}` });
    expect(res.statusCode).toBe(200);
    const c = res.json() as Customer;
    expect(c.masked).toBe(true);
    expect(c.contacts[0]).toMatchObject({ name: '张*', phone: '138****5678', email: 'z***@example.com' });
    expect(res.body).not.toMatch(/13812345678|1234 5678/);
    expect(res.body).not.toContain('张江路100号');
    expect(await auditOf(zhang.id)).toHaveLength(before.length);
  });

  it("shows a manager clear data and writes pii_viewed on the customer's audit chain", async () => {
    const before = await auditOf(zhang.id);
    const res = await t.as('manager', { method: 'GET', url: `/api/v1/customers/${zhang.id}` });
    expect(res.statusCode).toBe(200);
    const c = res.json() as Customer;
    expect(c.masked).toBe(false);
    expect(c.contacts[0]).toMatchObject({ name: '张三', phone: '138 1234 5678', email: 'zhang.san@example.com', address: '上海市浦东新区张江路100号' });
    const after = await auditOf(zhang.id);
    expect(after).toHaveLength(before.length + 1);
    const viewed = after.at(-1)!;
    expect(viewed).toMatchObject({ type: 'pii_viewed', actorId: t.users.manager.id, actorName: 'manager', seq: before.length + 1 });
    expect(viewed.data).toMatchObject({ basis: 'manager' });
  });

  it('reveals clear data to an agent who gives a reason, and audits the reason and the actor', async () => {
    const before = await auditOf(zhang.id);
    const res = await t.as('agent', { method: 'POST', url: `/api/v1/customers/${zhang.id}/reveal`, payload: { reason: '客户要求回电确认收货地址' } });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Customer;
    expect(c.masked).toBe(false);
    expect(c.contacts.map((x) => x.phone).sort()).toEqual(['138 1234 5678', '139 0000 1111']);
    expect(c.contacts.find((x) => x.phone === '138 1234 5678')!.email).toBe('zhang.san@example.com');
    const after = await auditOf(zhang.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      type: 'pii_revealed',
      actorId: t.users.agent.id,
      actorName: 'agent',
      data: { basis: 'reveal', reason: '客户要求回电确认收货地址' },
    });
  });

  it('refuses a reveal without a reason and reveals nothing', async () => {
    const before = await auditOf(zhang.id);
    for (const payload of [{}, { reason: '' }, { reason: '   ' }]) {
      const res = await t.as('agent', { method: 'POST', url: `/api/v1/customers/${zhang.id}/reveal`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.reason');
      expect(res.body).not.toMatch(/13812345678|1234 5678/);
    }
    expect(await auditOf(zhang.id)).toHaveLength(before.length);
  });

  it('keeps the audit trail from agents', async () => {
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/audit/customer/${zhang.id}` })).statusCode).toBe(403);
  });
});

describe('adding a contact', () => {
  it('refuses a phone or e-mail the customer already has, and changes nothing; another customer may share it', async () => {
    const before = (await list('q=华东精密')).items[0]!.contacts.length;
    // The same number written another way (+86, spaces) is the same phone.
    const samePhone = await t.as('agent', {
      method: 'POST',
      url: `/api/v1/customers/${zhang.id}/contacts`,
      payload: { name: '张三（采购）', phone: '+86 138 1234 5678' },
    });
    expect(samePhone.statusCode, samePhone.body).toBe(409);
    expect(samePhone.json().error).toMatchObject({ code: 'conflict', message: '该客户已有使用此电话号码的联系人', details: { field: 'phone' } });
    const sameEmail = await t.as('agent', {
      method: 'POST',
      url: `/api/v1/customers/${zhang.id}/contacts`,
      payload: { name: '李四', email: 'Li.Si@example.com' },
    });
    expect(sameEmail.statusCode, sameEmail.body).toBe(409);
    expect(sameEmail.json().error.details).toEqual({ field: 'email' });
    expect((await list('q=华东精密')).items[0]!.contacts.length).toBe(before);

    const other = await makeCustomer(t, { name: '南方经销商', contacts: [{ name: '赵六', phone: '13600003333' }] });
    const shared = await t.as('agent', { method: 'POST', url: `/api/v1/customers/${other.id}/contacts`, payload: { name: '张三', phone: '13812345678' } });
    expect(shared.statusCode, shared.body).toBe(201);
  });

  it('two agents adding the same new number at once make one contact', async () => {
    const c = await makeCustomer(t, { name: '西部电气', contacts: [{ name: '钱七', phone: '13500004444' }] });
    const add = () => t.as('agent', { method: 'POST', url: `/api/v1/customers/${c.id}/contacts`, payload: { name: '孙八', phone: '13500005555' } });
    const codes = (await Promise.all([add(), add()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409]);
  });
});
