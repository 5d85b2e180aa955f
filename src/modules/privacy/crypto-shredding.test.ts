import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { appendEvent } from '../audit/audit.service';
import { forgetCachedKeys } from '../audit/personal-data';

// 加密删除 Crypto-shredding: personal fields of chained events are sealed with the customer's own key;
// erasure destroys the key. What a person would check: before erasure the timeline reads as written;
// after it, the name, the description and the replies are nowhere — not on the timeline, not in an
// export, not in any row of the database — while the audit chain verifies and the KPI figures stay.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

const call = (role: Parameters<TestApp['as']>[0], method: string, url: string, payload?: unknown) =>
  t.as(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const at = async (iso: string) => {
  t.clock.set(iso);
  await t.refreshSessions();
};
/** Distinct text no other row can hold by chance. */
const marker = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 10)}`;

/** Every table of the database whose rows, as text, contain `needle` (the raw search an auditor would run). */
async function tablesHolding(needle: string): Promise<string[]> {
  const tables = await t.ctx.db.execute<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public'`);
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const hit = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(name)} r where r::text like ${`%${needle}%`}`);
    if (Number(hit.rows[0]!.n) > 0) found.push(name);
  }
  return found;
}

async function erase(customerId: string) {
  const req = (await call('manager', 'POST', '/privacy/requests', { customerId, kind: 'erasure', channel: '书面申请' })).json();
  expect((await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'verified', verification: '核对身份证件' })).statusCode).toBe(200);
  const done = await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'done' });
  expect(done.statusCode, done.body).toBe(200);
  return done.json();
}

describe('crypto-shredding of personal data in the audit chain', () => {
  it('erasure makes the name, description and replies unreadable everywhere; the chain verifies and the KPI stay', async () => {
    await at('2026-11-02T02:00:00.000Z');
    const name = marker('欧阳');
    const description = marker('主板烧毁客户家中');
    const edited = marker('改后描述');
    const reply = marker('您好上门时间');
    const said = marker('客户说');
    const why = marker('欧阳女士来电说周三在家');
    const customer = await makeCustomer(t, { name, kind: 'person' });
    const ticket = await makeTicket(t, { customerId: customer.id, description });
    expect((await call('agent', 'PATCH', `/tickets/${ticket.id}`, { description: edited })).statusCode).toBe(200);
    expect((await call('engineer', 'POST', `/tickets/${ticket.id}/events`, { type: 'public_reply', body: reply })).statusCode).toBe(201);
    expect((await call('agent', 'POST', `/tickets/${ticket.id}/events`, { type: 'customer_message', body: said })).statusCode).toBe(201);
    // A status change's reason is the staff's words about the case, and may name the customer.
    expect((await call('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress', reason: why })).statusCode).toBe(200);
    await t.workers.runOnce();

    // Before: the timeline reads as written (decrypted on the way out) …
    const timeline = async () => JSON.stringify((await call('manager', 'GET', `/tickets/${ticket.id}/events`)).json());
    const before = await timeline();
    for (const text of [description, edited, reply, said, why]) expect(before).toContain(text);
    expect(JSON.stringify((await call('admin', 'GET', `/audit/customer/${customer.id}`)).json())).toContain(name);
    // … while the events table never held them in clear (the ticket and customer rows did, until erasure).
    expect(await tablesHolding(edited)).toContain('tickets');
    expect(await tablesHolding(name)).toContain('customers');
    for (const text of [name, description, edited, reply, said, why]) expect(await tablesHolding(text)).not.toContain('events');

    await at('2026-11-30T02:00:00.000Z');
    await t.workers.runOnce();
    const kpiUrl = `/reports/kpi?from=2026-11-01&to=2026-11-30`;
    const kpiBefore = (await call('manager', 'GET', kpiUrl)).json();
    expect(kpiBefore.tickets).toBeGreaterThanOrEqual(1);

    const done = await erase(customer.id);
    expect(done.erasureResidue).toEqual([]);
    await t.workers.runOnce();

    const after = await timeline();
    for (const text of [name, description, edited, reply, said, why]) expect(after).not.toContain(text);
    const events = (await call('manager', 'GET', `/tickets/${ticket.id}/events`)).json().items as {
      type: string;
      body: string | null;
      data: { after: { description: string }; changes: { description: { after: string } } };
    }[];
    expect(events.find((e) => e.type === 'created')!.data.after.description).toBe('已删除的个人信息');
    expect(events.find((e) => e.type === 'public_reply')!.body).toBe('已删除的个人信息');
    expect(events.find((e) => e.type === 'field_changed')!.data.changes.description.after).toBe('已删除的个人信息');
    const customerChain = JSON.stringify((await call('admin', 'GET', `/audit/customer/${customer.id}`)).json());
    expect(customerChain).not.toContain(name);
    expect(customerChain).toContain('已删除的个人信息');

    // An export asked for afterwards (PIPL Art 45) holds none of it either.
    const access = (await call('manager', 'POST', '/privacy/requests', { customerId: customer.id, kind: 'export', channel: '电话' })).json();
    await call('manager', 'POST', `/privacy/requests/${access.id}/transition`, { to: 'verified', verification: '回拨登记电话' });
    const exported = await call('manager', 'GET', `/privacy/requests/${access.id}/export.json`);
    expect(exported.statusCode).toBe(200);
    for (const text of [name, description, edited, reply, said]) expect(exported.body).not.toContain(text);
    expect(exported.json().tickets[0]).toMatchObject({ number: ticket.number, description: '已删除的个人信息' });

    // No row of the database holds the clear text any more.
    for (const text of [name, description, edited, reply, said]) expect(await tablesHolding(text), text).toEqual([]);
    // The chains still verify, and the figures did not move.
    expect((await call('admin', 'POST', '/audit/verify')).json().firstBreak).toBeNull();
    expect((await call('manager', 'GET', kpiUrl)).json()).toEqual(kpiBefore);
  }, 120_000);

  it('lists events written before sealing existed instead of claiming a complete erasure', async () => {
    const customer = await makeCustomer(t, { name: marker('司马'), kind: 'person' });
    const ticket = await makeTicket(t, { customerId: customer.id });
    // An old reply, as the writers stored it before this change: body in clear.
    const old = marker('旧回复');
    const legacy = await t.ctx.db.transaction((tx) =>
      appendEvent(tx, t.ctx, { subjectType: 'ticket', subjectId: ticket.id, type: 'public_reply', actor: null, visibility: 'public', body: old }),
    );
    const done = await erase(customer.id);
    expect(done.erasureResidue).toEqual([{ subjectType: 'ticket', subjectId: ticket.id, seq: legacy.seq, type: 'public_reply' }]);
    // Never rewritten: the chain still verifies, and the old text is where it was.
    expect((await call('admin', 'POST', '/audit/verify')).json().firstBreak).toBeNull();
    expect(await tablesHolding(old)).toEqual(['events']);
  }, 60_000);

  it('writers racing on a customer without a key make exactly one key, and every text reads back (PostgreSQL: really concurrent)', async () => {
    const customer = await makeCustomer(t, { name: marker('诸葛'), kind: 'person' });
    // A customer registered before this change has no key: the first writers make it.
    await t.ctx.db.execute(sql`delete from audit_subject_keys where subject_id = ${customer.id}::uuid`);
    const seed = await makeTicket(t, { customerId: customer.id });
    await t.ctx.db.execute(sql`delete from audit_subject_keys where subject_id = ${customer.id}::uuid`);
    const texts = Array.from({ length: 8 }, (_, i) => marker(`并发${i}`));
    // As in a freshly started process: no key cached, so every writer below looks for it and makes it.
    forgetCachedKeys(t.ctx.keys);
    const results = await Promise.all([
      ...texts.slice(0, 4).map((d) => call('agent', 'POST', '/tickets', { channel: 'phone', requestType: 'repair', description: d, customerId: customer.id })),
      ...texts.slice(4).map((b) => call('engineer', 'POST', `/tickets/${seed.id}/events`, { type: 'internal_note', body: b })),
    ]);
    for (const r of results) expect(r.statusCode, r.body).toBeLessThan(300);
    const keys = await t.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_subject_keys where subject_id = ${customer.id}::uuid and key_enc is not null`,
    );
    expect(Number(keys.rows[0]!.n)).toBe(1);
    const ids = [seed.id, ...results.slice(0, 4).map((r) => r.json().id as string)];
    const all = (await Promise.all(ids.map(async (id) => JSON.stringify((await call('manager', 'GET', `/tickets/${id}/events`)).json())))).join('');
    for (const text of texts) expect(all).toContain(text);
    expect((await call('admin', 'POST', '/audit/verify')).json().firstBreak).toBeNull();
  }, 60_000);
  it('seals the same words twice as two different texts (a fresh IV each), and both read back', async () => {
    const customer = await makeCustomer(t, { name: marker('同名'), kind: 'company' });
    const description = marker('同样的故障描述');
    const ids = [(await makeTicket(t, { customerId: customer.id, description })).id, (await makeTicket(t, { customerId: customer.id, description })).id];
    const sealed = await t.ctx.db.execute<{ d: string }>(
      sql`select data->'after'->>'description' as d from events where subject_type = 'ticket' and type = 'created' and subject_id in (${ids[0]}::uuid, ${ids[1]}::uuid)`,
    );
    const texts = sealed.rows.map((r) => r.d);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toMatch(/^pii:v1:/);
    // The IV leads the payload: equal IVs under one key would let GCM's keystream be recovered.
    const ivs = texts.map((text) => Buffer.from(text.split(':')[3]!, 'base64').subarray(0, 12).toString('hex'));
    expect(ivs[0]).not.toBe(ivs[1]);
    for (const id of ids) expect(JSON.stringify((await call('manager', 'GET', `/tickets/${id}/events`)).json())).toContain(description);
  });
});
