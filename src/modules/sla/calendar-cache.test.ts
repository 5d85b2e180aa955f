import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../db/client';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { testDatabaseUrl } from '../../../test/helpers/database';
import { loadCalendars } from './calendars.service';

// Calendars are cached per process until a write NOTIFYs (issue 10: the ticket page no longer reads
// them on every view). Another server process sharing the PostgreSQL database sees an edit at once.
let t: TestApp;
let other: Database | null = null;
beforeAll(async () => {
  t = await createTestApp();
  const url = testDatabaseUrl(t.ctx.database);
  if (url) other = openPostgres(url, 2);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const holidaysOf = async (database: Database) => [...(await loadCalendars({ db: database.db, database }))['cn-workdays']!.holidays];
const setHolidays = (holidays: string[]) => t.as('admin', { method: 'PUT', url: '/api/v1/sla/calendars/cn-workdays/years/2027', payload: { holidays } });

describe('calendar cache', () => {
  it('serves an edit at once in the process that made it', async () => {
    await holidaysOf(t.ctx.database);
    expect((await setHolidays(['2027-01-01'])).statusCode).toBe(200);
    expect(await holidaysOf(t.ctx.database)).toContain('2027-01-01');
    const cal = (await t.as('agent', { method: 'GET', url: '/api/v1/sla/calendars/cn-workdays' })).json();
    expect(cal.holidays).toContain('2027-01-01');
  });

  it.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('drops the copy of another process sharing the database when it is told (LISTEN/NOTIFY)', async () => {
    const db2 = other!;
    expect(await holidaysOf(db2)).not.toContain('2027-02-10');
    const heard: string[] = [];
    await db2.listen('shouhou_calendars', (p) => heard.push(p)); // resolves once LISTEN is in place
    await sleep(200);
    expect(await holidaysOf(db2)).not.toContain('2027-02-10');
    expect((await setHolidays(['2027-01-01', '2027-02-10'])).statusCode).toBe(200);
    // Well before the 5-second fallback expiry: only the notification can have dropped the copy.
    const started = Date.now();
    while (!(await holidaysOf(db2)).includes('2027-02-10')) {
      expect(Date.now() - started, `the other process still serves the old calendar (heard ${heard.length})`).toBeLessThan(2_500);
      await sleep(50);
    }
  });
});
