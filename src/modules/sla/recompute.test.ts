import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { createModules } from '../../composition';
import { txContext } from '../../context';
import { deliverOutbox } from '../../jobs/outbox';
import { createContext } from '../../server';
import { recomputeBatch } from './recompute.service';

// A calendar edit answers at once; the open clocks on the calendar are recomputed by a durable job
// (an outbox row committed with the edit), in batches, by whichever process's worker gets to it.
let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-29T02:00:00.000Z'); // Tue 29 Dec 2026; cn-workdays has no 2027 data yet
  await t.refreshSessions(); // the 7-day sessions of November have expired by now
  customerId = (await makeCustomer(t)).id;
});
afterAll(async () => t?.close());

const resolutionDue = async (id: string) =>
  ((await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json().clocks as { target: string; status: string; dueAtLocal: string }[]).find(
    (c) => c.target === 'resolution' && c.status !== 'cancelled',
  )!.dueAtLocal;
const outboxRow = async (id: number) => (await t.ctx.database.exec('select topic, payload, delivered_at from outbox where id = $1', [id])).rows[0]!;

describe('calendar edits queue a durable recompute job', () => {
  it('answers with the queued job at once; a restarted process’s worker recomputes the clocks', async () => {
    await t.workers.runOnce();
    const { id } = await makeTicket(t, { customerId, priority: 'general' });
    // Without 2027 data: Wed 30, Thu 31, Fri 1, Mon 4, Tue 5 → end of Tue 5 Jan.
    expect(await resolutionDue(id)).toBe('2027-01-06T00:00:00+08:00');

    const res = await t.as('admin', { method: 'PUT', url: '/api/v1/sla/calendars/cn-workdays/years/2027', payload: { holidays: ['2027-01-01'] } });
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json().recompute as { jobId: number; status: string; clocks: number };
    expect(job).toMatchObject({ status: 'queued', clocks: expect.any(Number) });
    expect(job.clocks).toBeGreaterThan(0);
    // Committed with the edit, not yet done: the job is a row.
    expect(await outboxRow(job.jobId)).toMatchObject({ topic: 'sla.calendar_recompute', payload: { calendarId: 'cn-workdays' }, delivered_at: null });
    expect(await resolutionDue(id)).toBe('2027-01-06T00:00:00+08:00');

    // As after a restart: a new context and new modules on the same database, nothing in memory.
    const restarted = createContext(t.ctx.database, { dataDir: t.ctx.dataDir, maxAttachmentBytes: t.ctx.maxAttachmentBytes }, t.clock, t.ctx.keys);
    while ((await deliverOutbox(restarted, createModules(restarted).outbox)) > 0) {
      // drain
    }
    expect((await outboxRow(job.jobId)).delivered_at).not.toBeNull();
    // Jan 1 is now a holiday: Wed 30, Thu 31, Mon 4, Tue 5, Wed 6 → end of Wed 6 Jan.
    expect(await resolutionDue(id)).toBe('2027-01-07T00:00:00+08:00');
  });

  it('works in batches: a full batch queues the next one under the same job id, and the last finishes it', async () => {
    await t.workers.runOnce();
    const a = await makeTicket(t, { customerId, priority: 'general' });
    const b = await makeTicket(t, { customerId, priority: 'general' });
    const res = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/sla/calendars/cn-workdays/years/2027',
      payload: { holidays: ['2027-01-01', '2027-01-04'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { jobId, clocks } = res.json().recompute as { jobId: number; clocks: number };
    expect(clocks).toBeGreaterThanOrEqual(2);

    // One clock per batch, run by hand in a transaction as the worker would.
    const first = await outboxRow(jobId);
    await t.ctx.db.transaction((tx) => recomputeBatch(txContext(t.ctx, tx), first.payload as never, { id: jobId }, 1));
    const next = (await t.ctx.database.exec(`select payload from outbox where topic = 'sla.calendar_recompute' and id > $1 order by id`, [jobId])).rows;
    expect(next).toHaveLength(1);
    expect(next[0]!.payload).toMatchObject({ calendarId: 'cn-workdays', jobId, done: 1, after: expect.any(String) });

    await t.workers.runOnce();
    const pending = await t.ctx.database.exec(`select count(*)::int as n from outbox where topic = 'sla.calendar_recompute' and delivered_at is null`);
    expect(pending.rows[0]!.n).toBe(0);
    // Jan 1 and Jan 4 are holidays: Wed 30, Thu 31, Tue 5, Wed 6, Thu 7 → end of Thu 7 Jan.
    expect(await resolutionDue(a.id)).toBe('2027-01-08T00:00:00+08:00');
    expect(await resolutionDue(b.id)).toBe('2027-01-08T00:00:00+08:00');
  });

  it('lets the admin follow the job: queued with the clocks to do, running after a batch, done at the end', async () => {
    await t.workers.runOnce();
    await makeTicket(t, { customerId, priority: 'general' });
    await makeTicket(t, { customerId, priority: 'general' });
    const res = await t.as('admin', { method: 'PUT', url: '/api/v1/sla/calendars/cn-workdays/years/2027', payload: { holidays: ['2027-01-01'] } });
    const { jobId, clocks } = res.json().recompute as { jobId: number; clocks: number };
    const progress = async () => {
      const r = await t.as('admin', { method: 'GET', url: `/api/v1/sla/recompute-jobs/${jobId}` });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { status: string; done: number; total: number | null; calendarId: string };
    };
    expect(await progress()).toEqual({ jobId, calendarId: 'cn-workdays', status: 'queued', done: 0, total: clocks, lastError: null });

    const first = await outboxRow(jobId);
    await t.ctx.db.transaction((tx) => recomputeBatch(txContext(t.ctx, tx), first.payload as never, { id: jobId }, 1));
    expect(await progress()).toMatchObject({ status: 'running', done: 1, total: clocks });

    await t.workers.runOnce();
    expect(await progress()).toMatchObject({ status: 'done', done: clocks, total: clocks });

    const missing = await t.as('admin', { method: 'GET', url: `/api/v1/sla/recompute-jobs/${jobId + 100000}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await t.as('agent', { method: 'GET', url: `/api/v1/sla/recompute-jobs/${jobId}` })).statusCode).toBe(403);
  });
});
