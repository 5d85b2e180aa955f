import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSerialUnit, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { OPEN_STATUSES } from '../../domain/ticket/ticket.status';
import { OPEN_STATUS_LIST } from './tickets.tables';

// The queue at scale (issue 10): keyset pages, capped totals, and search that answers indexed words
// from the word index alone while codes and name fragments are still found as substrings.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

interface Page {
  items: { id: string; receivedAt: string; number: string }[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}
const list = async (query: string) => {
  const res = await t.as('manager', { method: 'GET', url: `/api/v1/tickets?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};
/** Every page of a query, following nextCursor. */
async function allPages(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.items.map((x) => x.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('no last page');
}
const search = async (q: string) => (await list(`q=${encodeURIComponent(q)}&limit=200`)).items.map((i) => i.id);

describe('keyset paging (cursor)', () => {
  const made: string[] = [];
  beforeAll(async () => {
    // Ties: several tickets received in the same millisecond, then a few at later instants.
    t.clock.set('2026-11-20T02:00:00.000Z');
    for (let i = 0; i < 7; i++) made.push((await makeTicket(t, { description: `同一时刻受理 ${i}` })).id);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      made.push((await makeTicket(t, { description: `稍后受理 ${i}`, priority: i % 2 ? 'urgent' : undefined })).id);
    }
  });

  it('returns every ticket exactly once, newest first and by id among equal times', async () => {
    const rows = (await t.ctx.database.exec('select id from tickets order by received_at desc, id desc')).rows.map((r) => r.id as string);
    const paged = await allPages('limit=3');
    expect(paged).toEqual(rows);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(expect.arrayContaining(made));
  });

  it('pages every offered sort completely, filters included', async () => {
    for (const sort of ['createdAt', '-updatedAt', 'updatedAt', 'priority', 'nextDue']) {
      const whole = (await list(`sort=${sort}&limit=200`)).items.map((i) => i.id);
      expect(await allPages(`sort=${sort}&limit=4`), sort).toEqual(whole);
    }
    const open = (await list('open=true&limit=200')).items.map((i) => i.id);
    expect(await allPages('open=true&limit=5')).toEqual(open);
  });

  it('refuses a cursor it did not make, or one from another sort, with 400 and the field path', async () => {
    const page = await list('limit=2');
    for (const bad of ['nonsense', 'eyJ4Ijox', `${page.nextCursor!.slice(0, -3)}xyz`, '%00']) {
      const res = await t.as('agent', { method: 'GET', url: `/api/v1/tickets?cursor=${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('querystring.cursor');
    }
    const other = await t.as('agent', { method: 'GET', url: `/api/v1/tickets?sort=priority&cursor=${page.nextCursor}` });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.issues[0].path).toBe('querystring.cursor');
  });

  it('keeps offset paging for the first pages only', async () => {
    expect((await list('limit=2&offset=2')).items).toHaveLength(2);
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/tickets?offset=1001' })).statusCode).toBe(400);
  });
});

describe('search', () => {
  it('finds an indexed word from the word index, not words that merely share its characters', async () => {
    const lamp = await makeTicket(t, { description: '控制柜指示灯不亮，黑屏' });
    const sign = await makeTicket(t, { description: '指示牌旁边的灯不亮' });
    const power = await makeTicket(t, { description: '电源模块批次问题' });
    const found = await search('指示灯');
    expect(found).toContain(lamp.id);
    expect(found).not.toContain(sign.id);
    expect(await search('电源模块')).toEqual([power.id]);
    // Parts of a compound are words of their own (cutForSearch): 模块 finds 电源模块.
    expect(await search('模块')).toContain(power.id);
  });

  it('still finds serial, number, phone and customer-name fragments as substrings', async () => {
    const unit = await makeSerialUnit(t, { serialNumber: 'QX7731-K2290-ZZ' });
    const bySerial = await makeTicket(t, { serialUnitId: unit.id, description: '主板烧毁' });
    const byPhone = await makeTicket(t, { description: '客户要求回电 0512-66889911 联系王工' });
    const byName = await makeTicket(t, { customer: { name: '汇川精工自动化有限公司', phone: '13900005555', confirmNew: true }, description: '变频器过热' });
    expect(await search('K2290')).toEqual([bySerial.id]);
    expect(await search('qx7731')).toEqual([bySerial.id]);
    expect(await search('66889911')).toEqual([byPhone.id]);
    expect(await search('川精工')).toEqual([byName.id]);
    const { number } = bySerial;
    expect(await search(number)).toEqual([bySerial.id]);
    expect(await search(number.slice(2, 12))).toContain(bySerial.id);
  });
});

describe('search inside a filter', () => {
  it('falls back to the substring when the words are found only outside the filter', async () => {
    // 川精工 is cut into 川 + 精工. Another customer's ticket holds both as words; this customer's
    // name holds them only inside 汇川 and 精工 — found as a substring once the words find nothing here.
    await makeTicket(t, { description: '川 精工 样机返修' });
    const mine = await makeTicket(t, { customer: { name: '汇川精工传动有限公司', phone: '13900006666', confirmNew: true }, description: '伺服报警' });
    const customerId = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${mine.id}` })).json().customer.id as string;
    const ids = (await list(`q=${encodeURIComponent('川精工')}&customerId=${customerId}&limit=50`)).items.map((i) => i.id);
    expect(ids).toEqual([mine.id]);
  });
});

describe('capped totals', () => {
  it('counts up to 1,000 and flags more as "1,000+"', async () => {
    // 1,005 copies of one ticket, written directly: the cap is about counting, not about creation.
    await t.ctx.database.exec(`
      insert into tickets (id, number, channel, request_type, status, title, description, customer_id, received_at, created_at, updated_at, search_plain, search_words)
      select gen_random_uuid(), 'CP' || lpad(i::text, 11, '0'), channel, request_type, 'closed', title, '批量复制', customer_id,
             received_at - i * interval '1 second', created_at, updated_at, 'CP' || i, 'cp' || i || ' 批量 复制 批量复制'
      from tickets, generate_series(1, 1005) i where id = (select id from tickets order by received_at limit 1)`);
    const all = await list('limit=1');
    expect(all.total).toBe(1000);
    expect(all.totalCapped).toBe(true);
    const copies = await list(`q=${encodeURIComponent('批量复制')}&limit=1`);
    expect(copies).toMatchObject({ total: 1000, totalCapped: true });
    const open = await list('open=true&limit=1');
    expect(open.totalCapped).toBe(false);
    expect(open.total).toBeLessThan(1000);

    // Over the cap every match is sorted: the pages still hold each of the 1,005 once, in order.
    const q = `q=${encodeURIComponent('批量复制')}`;
    const newest = (await t.ctx.database.exec(`select id from tickets where description = '批量复制' order by received_at desc, id desc`)).rows.map(
      (r) => r.id,
    );
    expect(await allPages(`${q}&limit=200`)).toEqual(newest);
    expect(await allPages(`${q}&sort=createdAt&limit=150`)).toEqual([...newest].reverse());
    expect((await list(`${q}&limit=50&offset=950`)).items.map((i) => i.id)).toEqual(newest.slice(950, 1000));
  });

  it('filters the open queue with the same statuses the partial indexes name', () => {
    expect(OPEN_STATUS_LIST).toBe(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(',')})`);
  });
});
