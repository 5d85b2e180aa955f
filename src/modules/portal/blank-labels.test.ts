import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSerialUnit } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { portalApi } from '../../../test/helpers/portal';
import { scanLabelSheet } from '../../../test/helpers/qr-scan';
import { listEvents } from '../audit/audit.service';

// 空白标签 (issue 14): labels printed before they belong to a unit, bound at the first staff scan.
let t: TestApp;
let api: ReturnType<typeof portalApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = portalApi(t);
  await api.enableSms();
}, 60_000);
afterAll(async () => t?.close());

const print = (count: unknown, role: 'agent' | 'logistics' | 'finance' = 'agent') =>
  t.as(role, { method: 'POST', url: '/api/v1/portal/blank-labels', payload: { count } });
const bind = (token: string, serialUnitId: string, role: 'agent' | 'logistics' | 'finance' = 'logistics') =>
  t.as(role, { method: 'POST', url: `/api/v1/portal/blank-labels/${token}/bind`, payload: { serialUnitId } });
const labelCount = async () => (await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from portal_blank_labels`)).rows[0]!.n;
const allTokens = async () => new Set((await t.ctx.db.execute<{ token: string }>(sql`select token from portal_blank_labels`)).rows.map((r) => r.token));
/** Prints `count` labels and answers the tokens they carry (the test clock stands still: no ordering by time). */
async function printed(count: number): Promise<string[]> {
  const before = await allTokens();
  expect((await print(count)).statusCode).toBe(200);
  return [...(await allTokens())].filter((x) => !before.has(x));
}

describe('blank QR labels', () => {
  it('print as an A4 PDF whose labels say they bind at the first staff scan, each with its own reference', async () => {
    const before = await allTokens();
    const res = await print(3);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'blank-labels-'));
    writeFileSync(join(dir, 'labels.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'labels.pdf'), '-'], { encoding: 'utf8' });
    expect(text.match(/首次扫码绑定设备/g)).toHaveLength(3);
    const tokens = [...(await allTokens())].filter((x) => !before.has(x));
    expect(tokens).toHaveLength(3);
    for (const token of tokens) expect(text).toContain(`标签 ${token.slice(-6).toUpperCase()}`);
  });

  it('each printed QR code scans to its own label’s portal link', async () => {
    const before = await allTokens();
    const res = await print(4);
    expect(res.statusCode).toBe(200);
    const tokens = [...(await allTokens())].filter((x) => !before.has(x));
    const scanned = scanLabelSheet(res.rawPayload, 4);
    expect(
      scanned.every((link) => link !== null && /^http:\/\/localhost(:\d+)?\/portal\/u\/[\w-]+$/.test(link)),
      JSON.stringify(scanned),
    ).toBe(true);
    expect(new Set(scanned.map((link) => link!.split('/').pop()))).toEqual(new Set(tokens));
  });

  it('refuse a count outside 1–240 and a role that does not edit units, making no label', async () => {
    const before = await labelCount();
    for (const count of [0, 241, 2.5, '3']) expect((await print(count)).statusCode).toBe(400);
    expect((await print(1, 'finance')).statusCode).toBe(403);
    expect(await labelCount()).toBe(before);
  });

  it('scanned before binding: the portal says the label is not in use and takes no request on it', async () => {
    const [token] = await printed(1);
    const page = await api.portal('GET', `/units/${token}`);
    expect(page.json()).toEqual({ blank: true, label: token!.slice(-6).toUpperCase() });
    const phone = '13966660001';
    await api.portal('POST', '/codes', { payload: { phone } });
    const refused = await api.portal('POST', '/requests', {
      payload: { contactName: '赵先生', phone, code: await api.lastCode(phone), unitToken: token, description: '不开机' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues).toEqual([expect.objectContaining({ path: 'unitToken', code: 'label_unbound' })]);
  });

  it('bound once by staff: then it opens the unit’s page and carries the unit into the request; the unit’s history records it', async () => {
    const unit = await makeSerialUnit(t, { purchaseDate: '2026-02-01' });
    const [token] = await printed(1);
    const bound = await bind(token!, unit.id);
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json()).toMatchObject({ serialUnitId: unit.id, serialNumber: unit.serialNumber, label: token!.slice(-6).toUpperCase() });

    expect((await api.portal('GET', `/units/${token}`)).json()).toMatchObject({
      blank: false,
      serialNumber: unit.serialNumber,
      warranty: { status: 'in_warranty' },
    });
    const made = await api.submit({ unitToken: token });
    const ticket = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${await api.ticketIdOf(made.number)}` })).json() as { serialUnitId: string };
    expect(ticket.serialUnitId).toBe(unit.id);

    const events = await listEvents(t.ctx.db, 'serial_unit', unit.id, { includeInternal: true });
    expect(events.find((e) => e.type === 'label_bound')).toMatchObject({ data: { label: token!.slice(-6).toUpperCase() } });

    // Once: another unit cannot take it over.
    const other = await makeSerialUnit(t);
    const again = await bind(token!, other.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', details: { serialUnitId: unit.id } });
    expect(again.json().error.message).toContain(unit.serialNumber);
  });

  it('two staff scanning one label at once: one binding stands, the other gets 409', async () => {
    const [a, b] = [await makeSerialUnit(t), await makeSerialUnit(t)];
    const [token] = await printed(1);
    const results = await Promise.all([bind(token!, a.id), bind(token!, b.id, 'agent')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json() as { serialUnitId: string };
    expect((await api.portal('GET', `/units/${token}`)).json()).toMatchObject({ blank: false });
    const rows = await t.ctx.db.execute<{ bound_unit_id: string }>(sql`select bound_unit_id from portal_blank_labels where token = ${token!}`);
    expect(rows.rows[0]!.bound_unit_id).toBe(winner.serialUnitId);
  });

  it('an unknown label or unit answers 404 and binds nothing; a role that does not edit units gets 403', async () => {
    const unit = await makeSerialUnit(t);
    const [token] = await printed(1);
    expect((await bind('no-such-label-token', unit.id)).statusCode).toBe(404);
    expect((await bind(token!, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await bind(token!, unit.id, 'finance')).statusCode).toBe(403);
    expect((await api.portal('GET', `/units/${token}`)).json()).toMatchObject({ blank: true });
  });
});
