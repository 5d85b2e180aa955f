import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeSerialUnit } from '../../../test/factories';
import { repairApi } from '../../../test/helpers/repairs';
import { followupApi } from '../../../test/helpers/followups';
import { PORTAL_COOKIE } from './portal-access';
import { cookieOf, portalApi, SMS_SETTINGS } from '../../../test/helpers/portal';
import { unitToken } from './portal-ticket';

let t: TestApp;
let portal: ReturnType<typeof portalApi>['portal'];
let lastCode: ReturnType<typeof portalApi>['lastCode'];
let submit: ReturnType<typeof portalApi>['submit'];
beforeAll(async () => {
  t = await createTestApp();
  ({ portal, lastCode, submit } = portalApi(t));
  // A gateway is configured (never reached: the outbox is not delivered here); the code is read back from the queued SMS.
  await portalApi(t).enableSms();
});
afterAll(() => t?.close());

describe('扫码报修 and request without an account', () => {
  it('a scanned label shows the model and warranty as of today, and the request carries the unit', async () => {
    const unit = await makeSerialUnit(t, { purchaseDate: '2026-03-01' });
    const token = await unitToken(t.ctx, unit.id);
    expect(token).not.toContain(unit.serialNumber);
    expect(await unitToken(t.ctx, unit.id)).toBe(token);
    const page = await portal('GET', `/units/${token}`);
    expect(page.json()).toMatchObject({ serialNumber: unit.serialNumber, warranty: { status: 'in_warranty' } });
    expect((await portal('GET', `/units/${token}x`)).statusCode).toBe(404);

    const made = await submit({ unitToken: token });
    expect(made.number).toMatch(/\d/);
    expect(made.link).toMatch(/^\/portal\/t\/.{30,}$/);
    const staff = await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${made.number}` });
    const item = (staff.json() as { items: { number: string; channel: string; serialUnitId: string | null }[] }).items.find((i) => i.number === made.number);
    expect(item).toMatchObject({ channel: 'web' });
    const own = await portal('GET', '/ticket', { cookie: made.cookie });
    expect(own.json()).toMatchObject({ number: made.number, statusText: { zh: '已受理' } });
  });

  it('a wrong code is refused and writes no ticket; a used code cannot be used again', async () => {
    const phone = '13911112222';
    await portal('POST', '/codes', { payload: { phone } });
    const code = await lastCode(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const body = { contactName: '李先生', phone, description: '异响' };
    const refused = await portal('POST', '/requests', { payload: { ...body, code: wrong } });
    expect(refused.statusCode).toBe(400);
    expect(cookieOf(refused)).toBeUndefined();
    expect((await portal('POST', '/requests', { payload: { ...body, code } })).statusCode).toBe(201);
    expect((await portal('POST', '/requests', { payload: { ...body, code } })).statusCode).toBe(400);
  });

  it('a code dies after five wrong guesses, even when the sixth guess is right', async () => {
    const phone = '13922223333';
    await portal('POST', '/codes', { payload: { phone } });
    const code = await lastCode(phone);
    for (let i = 0; i < 5; i++) {
      const guess = String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
      expect((await portal('POST', '/requests', { payload: { contactName: 'x', phone, description: 'y', code: guess } })).statusCode).toBe(400);
    }
    expect((await portal('POST', '/requests', { payload: { contactName: 'x', phone, description: 'y', code } })).statusCode).toBe(400);
  });

  it('an expired code is refused', async () => {
    const phone = '13933334444';
    await portal('POST', '/codes', { payload: { phone } });
    const code = await lastCode(phone);
    t.clock.advance(11 * 60_000);
    expect((await portal('POST', '/requests', { payload: { contactName: 'x', phone, description: 'y', code } })).statusCode).toBe(400);
  });

  it('codes are throttled per phone and per address (rate_limits, shared by processes)', async () => {
    const phone = '13944445555';
    for (let i = 0; i < 5; i++) expect((await portal('POST', '/codes', { payload: { phone } })).statusCode).toBe(200);
    const sixth = await portal('POST', '/codes', { payload: { phone } });
    expect(sixth.statusCode).toBe(429);
    const ip = '10.77.0.1';
    for (let i = 0; i < 20; i++)
      expect((await portal('POST', '/codes', { payload: { phone: `1370000${String(i).padStart(4, '0')}` }, ip })).statusCode).toBe(200);
    expect((await portal('POST', '/codes', { payload: { phone: '13799999999' }, ip })).statusCode).toBe(429);
  });
});

describe('tracking and isolation', () => {
  it('number + access code or the private link open only that ticket; other numbers, guesses and expired sessions do not', async () => {
    const a = await submit();
    const b = await submit();
    const byCode = await portal('POST', '/sessions', { payload: { number: a.number, accessCode: a.accessCode } });
    expect(byCode.json()).toMatchObject({ number: a.number });
    const byLink = await portal('POST', '/sessions', { payload: { link: a.link.split('/').pop() } });
    expect(byLink.json()).toMatchObject({ number: a.number });
    // A's code does not open B; a guessed link opens nothing.
    expect((await portal('POST', '/sessions', { payload: { number: b.number, accessCode: a.accessCode } })).statusCode).toBe(401);
    expect((await portal('POST', '/sessions', { payload: { link: 'A'.repeat(32) } })).statusCode).toBe(401);
    // A's session sees A only, whatever it sends.
    expect((await portal('GET', '/ticket', { cookie: cookieOf(byCode)! })).json()).toMatchObject({ number: a.number });
    expect((await portal('GET', '/ticket', { cookie: 'forged-token' })).statusCode).toBe(401);
    expect((await portal('GET', '/ticket')).statusCode).toBe(401);
    t.clock.advance(3 * 3_600_000);
    expect((await portal('GET', '/ticket', { cookie: cookieOf(byCode)! })).statusCode).toBe(401);
    await t.refreshSessions();
  });

  it('guessing access codes for one number is throttled across addresses', async () => {
    const a = await submit();
    const tries = [];
    for (let i = 0; i < 11; i++) tries.push((await portal('POST', '/sessions', { payload: { number: a.number, accessCode: `WRONG${i}` } })).statusCode);
    expect(tries.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(tries[10]).toBe(429);
    // Even the right code waits out the window: the limit does not tell a guess from the owner.
    expect((await portal('POST', '/sessions', { payload: { number: a.number, accessCode: a.accessCode } })).statusCode).toBe(429);
  });

  it('a portal cookie opens no staff route, and a staff session opens no portal ticket', async () => {
    const a = await submit();
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { cookie: `${PORTAL_COOKIE}=${a.cookie}` } });
    expect(staff.statusCode).toBe(401);
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/portal/ticket' })).statusCode).toBe(401);
  });

  it('the customer adds information; staff see it as the customer’s message; internal notes stay hidden', async () => {
    const a = await submit();
    const ticketId = ((await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${a.number}` })).json() as { items: { id: string }[] }).items[0]!.id;
    await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${ticketId}/events`, payload: { type: 'internal_note', body: '客户脾气急' } });
    await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${ticketId}/events`, payload: { type: 'public_reply', body: '已安排工程师' } });
    const res = await portal('POST', '/ticket/messages', { cookie: a.cookie, payload: { text: '下午两点后在家' } });
    const view = res.json() as { updates: { kind: string; body: string }[] };
    expect(view.updates.map((u) => u.body)).toEqual(['已安排工程师', '下午两点后在家']);
  });
});

describe('quote and rating', () => {
  it('approves the quote of its own ticket at the version shown; another ticket’s session cannot', async () => {
    const r = repairApi(t);
    const a = await submit();
    const ticketId = ((await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${a.number}` })).json() as { items: { id: string }[] }).items[0]!.id;
    const repair = (await r.create(ticketId)) as { id: string };
    await r.diagnose(repair.id);
    await r.quote(repair.id, false);
    const view = (await portal('GET', '/ticket', { cookie: a.cookie })).json() as { quote: { version: number; totalFen: number; lines: unknown[] } };
    expect(view.quote).toMatchObject({ totalFen: 10500, version: 1 });
    expect(view.quote.lines).toHaveLength(2);
    // Another ticket's session sees no quote and cannot decide this one.
    const b = await submit();
    expect(
      (await portal('POST', '/ticket/quote', { cookie: b.cookie, payload: { decision: 'approve', quoteVersion: 1, approverName: '王女士' } })).statusCode,
    ).toBe(409);
    const stale = await portal('POST', '/ticket/quote', { cookie: a.cookie, payload: { decision: 'approve', quoteVersion: 2, approverName: '王女士' } });
    expect(stale.statusCode).toBe(409);
    const ok = await portal('POST', '/ticket/quote', { cookie: a.cookie, payload: { decision: 'approve', quoteVersion: 1, approverName: '王女士' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ quote: null });
    expect((await r.ok('agent', 'GET', `/repairs/${repair.id}`)) as { status: string }).toMatchObject({ status: 'approved' });
  });

  it('rates the resolved service: the answer completes the follow-up task, a 3 opens the dedicated one', async () => {
    const f = followupApi(t);
    const a = await submit();
    const ticketId = ((await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${a.number}` })).json() as { items: { id: string }[] }).items[0]!.id;
    expect((await portal('POST', '/ticket/rating', { cookie: a.cookie, payload: { rating: 5 } })).statusCode).toBe(409);
    await f.ok('agent', 'POST', `/tickets/${ticketId}/transitions`, { to: 'in_progress' }).catch(() => undefined);
    await f.ok('agent', 'POST', `/tickets/${ticketId}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换电容' } });
    expect(((await portal('GET', '/ticket', { cookie: a.cookie })).json() as { canRate: boolean }).canRate).toBe(true);
    const rated = await portal('POST', '/ticket/rating', { cookie: a.cookie, payload: { rating: 3, comments: '等得有点久' } });
    expect(rated.statusCode, rated.body).toBe(200);
    const tasks = await f.tasksOf(ticketId);
    expect(tasks.find((x) => x.kind === 'routine')?.status).toBe('completed');
    // A rating below 4 opens the dedicated follow-up (followups module).
    expect(tasks.some((x) => x.kind !== 'routine' && x.status === 'pending')).toBe(true);
  });
});

describe('labels and returns', () => {
  it('staff print QR labels as a PDF; customers and other roles cannot', async () => {
    const units = [await makeSerialUnit(t), await makeSerialUnit(t)];
    const res = await t.as('logistics', { method: 'POST', url: '/api/v1/portal/labels', payload: { serialUnitIds: units.map((u) => u.id) } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.as('finance', { method: 'POST', url: '/api/v1/portal/labels', payload: { serialUnitIds: [units[0]!.id] } })).statusCode).toBe(403);
    const a = await submit();
    expect((await portal('POST', '/labels', { cookie: a.cookie, payload: { serialUnitIds: [units[0]!.id] } })).statusCode).toBe(401);
    // Printing makes the token the scanned page answers.
    expect((await portal('GET', `/units/${await unitToken(t.ctx, units[0]!.id)}`)).json()).toMatchObject({ serialNumber: units[0]!.serialNumber });
  });

  it('a return ask is answered on the spot with reasons and left on the ticket for the desk', async () => {
    const a = await submit();
    const res = await portal('POST', '/ticket/return', {
      cookie: a.cookie,
      payload: {
        salesChannel: 'online',
        receivedOn: '2026-11-16',
        reason: 'no_reason',
        condition: { unused: true, packagingIntact: true, accessoriesComplete: true, activated: false, sealBroken: false },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as { noReasonReturn: { allowed: boolean; reasons: { ruleZh: string }[] } };
    expect(result.noReasonReturn.allowed).toBe(true);
    expect(result.noReasonReturn.reasons.length).toBeGreaterThan(0);
    const view = (await portal('GET', '/ticket', { cookie: a.cookie })).json() as { updates: { body: string }[] };
    expect(view.updates.at(-1)!.body).toContain('无理由退货');
  });
});

describe('staff link and no SMS gateway', () => {
  it('staff get the link a unit’s label carries; a missing unit is a 404', async () => {
    const unit = await makeSerialUnit(t);
    const res = await t.as('agent', { method: 'GET', url: `/api/v1/portal/unit-links/${unit.id}` });
    expect((res.json() as { url: string }).url).toMatch(new RegExp(`/portal/u/${await unitToken(t.ctx, unit.id)}$`));
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/portal/unit-links/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('without an enabled SMS gateway no code is made and the answer says so', async () => {
    const off = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/channels/sms/settings',
      payload: { ...SMS_SETTINGS, enabled: false },
    });
    expect(off.statusCode).toBe(200);
    expect((await portal('POST', '/codes', { payload: { phone: '13955556666' } })).json()).toEqual({ sent: false, channel: null });
  });
});
