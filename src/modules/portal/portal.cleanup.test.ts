import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { portalApi } from '../../../test/helpers/portal';
import { purgeExpiredPortalRows } from './portal-cleanup';

// 清理: expired one-time codes and portal sessions leave the database in the background cycle; live
// ones stay and keep working.
let t: TestApp;
let p: ReturnType<typeof portalApi>;
beforeAll(async () => {
  t = await createTestApp();
  p = portalApi(t);
  await p.enableSms();
});
afterAll(() => t?.close());

const count = async (table: 'portal_codes' | 'portal_sessions') => Number((await t.ctx.database.exec(`select count(*)::int as n from ${table}`)).rows[0]!.n);

describe('clean-up of expired portal codes and sessions', () => {
  it('the background cycle removes expired codes and sessions and keeps the live ones working', async () => {
    const old = await p.submit();
    await p.portal('POST', '/codes', { payload: { phone: '13712340000' } }); // a code nobody used
    const [codes, sessions] = [await count('portal_codes'), await count('portal_sessions')];
    expect(codes).toBeGreaterThanOrEqual(2);
    expect(sessions).toBeGreaterThanOrEqual(1);
    // Three hours on: the codes (10 min + 1 h kept) and the sessions (2 h) have expired.
    t.clock.advance(3 * 3_600_000);
    await t.refreshSessions();
    const fresh = await p.submit();
    await t.workers.runOnce();
    expect(await count('portal_codes')).toBe(1); // the fresh request's (spent) code is kept until its hour is out
    expect(await count('portal_sessions')).toBe(1);
    expect((await p.portal('GET', '/ticket', { cookie: fresh.cookie })).statusCode).toBe(200);
    expect((await p.portal('GET', '/ticket', { cookie: old.cookie })).statusCode).toBe(401);
    // The old ticket opens again with its number and access code: only the session went.
    expect((await p.portal('POST', '/sessions', { payload: { number: old.number, accessCode: old.accessCode } })).statusCode).toBe(200);
  });

  it('several processes purging at once delete each row once and never fail', async () => {
    for (let i = 0; i < 12; i++) await p.portal('POST', '/codes', { payload: { phone: `1361234${String(i).padStart(4, '0')}` } });
    const before = await count('portal_codes');
    t.clock.advance(2 * 3_600_000);
    const runs = await Promise.all([purgeExpiredPortalRows(t.ctx), purgeExpiredPortalRows(t.ctx), purgeExpiredPortalRows(t.ctx)]);
    expect(runs.reduce((n, r) => n + r.codes, 0)).toBe(before);
    expect(await count('portal_codes')).toBe(0);
  });
});
