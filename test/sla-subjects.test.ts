import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { txContext, type AppContext, type TxContext } from '../src/context';
import type { Tx } from '../src/db/client';
import { lockSubjectRows } from '../src/db/lock-order';
import { defineLifecycle } from '../src/domain/lifecycle';
import { hours } from '../src/domain/sla/presets.documents';
import { appendEvent } from '../src/modules/audit/audit.service';
import { detectBreaches, detectWarnings } from '../src/modules/sla/breach.service';
import { clocksOf } from '../src/modules/sla/clocks.service';
import { applyPauseRules, clocksOfSubject, pauseClocks, resumeClocks, startClock, stopClock, stopClocks } from '../src/modules/sla/subject-clocks';
import { SLA_SUBJECTS, slaSubjects, type SlaSubject } from '../src/modules/sla/subjects';
import { makeCustomer, makeTicket } from './factories';
import { createTestApp, type TestApp } from './helpers/app';

// The SLA seam for subjects other than tickets (repair orders, RMAs, refunds, complaints come with
// later issues): a subject type registered only here — a customer callback, locked through the
// existing customers table — gets clocks that start, pause by its lifecycle, resume, stop, warn and
// breach exactly like a ticket's, on its own chain, and never deadlock with the sweeps.

const TYPE = 'customer_callback';
let t: TestApp;
let ticket: { id: string; number: string };

const callback: SlaSubject = {
  type: TYPE,
  lock: (tx, ids, opts) => lockSubjectRows(tx, 'customers', ids, opts),
  // A real subject reads its ticket from its own row; every callback here belongs to one ticket.
  refs: async (_tx, ids) => new Map(ids.map((id) => [id, { ticketId: ticket.id, number: ticket.number, ownerId: null }])),
};
const subjects = slaSubjects(...SLA_SUBJECTS.values(), callback);

const CALLBACK_LIFECYCLE = defineLifecycle({
  subject: TYPE,
  noun: { zh: '回电', en: 'A callback' },
  statuses: ['scheduled', 'waiting_customer', 'done'],
  labels: { scheduled: { zh: '已预约', en: 'Scheduled' }, waiting_customer: { zh: '待客户', en: 'Waiting for customer' }, done: { zh: '完成', en: 'Done' } },
  transitions: { scheduled: { waiting_customer: {}, done: {} }, waiting_customer: { scheduled: {}, done: {} }, done: {} },
  guards: {},
  open: ['scheduled', 'waiting_customer'],
  pauses: { waiting_customer: ['onSiteVisit'] },
});

beforeAll(async () => {
  t = await createTestApp();
  ticket = await makeTicket(t);
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const at = (ms: number) => new Date(new Date('2026-11-20T02:00:00.000Z').getTime() + ms);

/** A use case of the subject's module: its row first (step 1 of the lock order), then its clocks, one transaction. */
function asWriter<T>(subjectId: string, fn: (tx: Tx, ctx: TxContext) => Promise<T>): Promise<T> {
  return t.ctx.db.transaction(async (tx) => {
    expect(await lockSubjectRows(tx, 'customers', [subjectId])).toEqual([subjectId]);
    return fn(tx, txContext(t.ctx, tx));
  });
}

const key = (subjectId: string) => ({ subjectType: TYPE, subjectId, subjects });
const clocks = async (subjectId: string) => clocksOfSubject(t.ctx.db, TYPE, subjectId);

async function q<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await t.ctx.database.exec(text, params)).rows as T[];
}

describe('clocks of a subject other than a ticket', () => {
  it('start from the policy, pause and resume by the subject’s lifecycle and by hand, and stop met', async () => {
    t.clock.set(at(0).toISOString());
    const { id } = await makeCustomer(t);
    const terms = { policyId: null, requestType: 'repair' as const, priority: 'general' as const, customerId: id, at: at(0) };
    const started = await asWriter(id, async (tx, ctx) => ({
      visit: await startClock(tx, ctx, { ...key(id), target: 'onSiteVisit', startedAt: at(0), terms }),
      // A repair is not promised a refund: no clock.
      refund: await startClock(tx, ctx, { ...key(id), target: 'refund', startedAt: at(0), terms }),
    }));
    expect(started.refund).toBeNull();
    // 上门服务 48 clock hours (000 §保修服务).
    expect(started.visit).toMatchObject({ subjectType: TYPE, subjectId: id, target: 'onSiteVisit', status: 'running', dueAt: at(48 * HOUR) });

    await asWriter(id, (tx, ctx) => applyPauseRules(tx, ctx, { ...key(id), lifecycle: CALLBACK_LIFECYCLE, status: 'waiting_customer', at: at(2 * HOUR) }));
    expect(await clocks(id)).toMatchObject([{ status: 'paused', pausedAt: at(2 * HOUR) }]);
    await asWriter(id, (tx, ctx) => applyPauseRules(tx, ctx, { ...key(id), lifecycle: CALLBACK_LIFECYCLE, status: 'scheduled', at: at(5 * HOUR) }));
    expect(await clocks(id)).toMatchObject([{ status: 'running', pausedAt: null, dueAt: at(51 * HOUR) }]);

    await asWriter(id, (tx, ctx) => pauseClocks(tx, ctx, { ...key(id), targets: ['onSiteVisit'], at: at(6 * HOUR) }));
    await asWriter(id, (tx, ctx) => resumeClocks(tx, ctx, { ...key(id), targets: 'all', at: at(7 * HOUR) }));
    expect(await clocks(id)).toMatchObject([
      { status: 'running', dueAt: at(52 * HOUR), pauses: [{ from: at(2 * HOUR).toISOString() }, { from: at(6 * HOUR).toISOString() }] },
    ]);

    const stopped = await asWriter(id, (tx, ctx) => stopClock(tx, ctx, { ...key(id), target: 'onSiteVisit', at: at(10 * HOUR) }));
    expect(stopped).toMatchObject([{ status: 'met', stoppedAt: at(10 * HOUR) }]);
    expect(await q(`select 1 from events where subject_type = $1 and subject_id = $2`, [TYPE, id])).toEqual([]);
    // The ticket's own clocks are untouched and still the ticket's only ones.
    expect((await clocksOf(t.ctx.db, ticket.id)).every((c) => c.subjectType === 'ticket')).toBe(true);
  });

  it('warn and breach once through the sweeps, on the subject’s chain, notifying about its ticket; a process that does not know the type leaves them alone', async () => {
    t.clock.set(at(0).toISOString());
    const { id } = await makeCustomer(t);
    await asWriter(id, (tx, ctx) => startClock(tx, ctx, { ...key(id), target: 'returnReview', spec: hours(12), startedAt: at(0) }));

    t.clock.set(at(10 * HOUR).toISOString());
    expect(await detectWarnings(t.ctx, 500, subjects)).toBeGreaterThanOrEqual(1);
    expect(await clocks(id)).toMatchObject([{ status: 'running', warnedAt: at(10 * HOUR) }]);

    t.clock.set(at(13 * HOUR).toISOString());
    await detectBreaches(t.ctx);
    expect(await clocks(id)).toMatchObject([{ status: 'running', breachRecordedAt: null }]);
    expect(await detectBreaches(t.ctx, 500, subjects)).toBeGreaterThanOrEqual(1);
    expect(await detectBreaches(t.ctx, 500, subjects)).toBe(0);
    expect(await clocks(id)).toMatchObject([{ status: 'breached', breachedAt: at(12 * HOUR), breachRecordedAt: at(13 * HOUR) }]);

    const events = await q<{ type: string; data: Record<string, unknown> }>(
      `select type, data from events where subject_type = $1 and subject_id = $2 order by seq`,
      [TYPE, id],
    );
    expect(events).toEqual([
      { type: 'sla_warning', data: { target: 'returnReview', dueAt: at(12 * HOUR).toISOString() } },
      {
        type: 'sla_breached',
        data: { target: 'returnReview', dueAt: at(12 * HOUR).toISOString(), amount: 12, unit: 'clock_hours', recordedAt: at(13 * HOUR).toISOString() },
      },
    ]);
    const outbox = await q<{ topic: string; payload: Record<string, unknown> }>(
      `select topic, payload from outbox where payload->>'subjectId' = $1 order by id`,
      [id],
    );
    const payload = {
      ticketId: ticket.id,
      number: ticket.number,
      ownerId: null,
      target: 'returnReview',
      dueAt: at(12 * HOUR).toISOString(),
      subjectType: TYPE,
      subjectId: id,
    };
    expect(outbox).toEqual([
      { topic: 'sla.warning', payload },
      { topic: 'sla.breached', payload },
    ]);

    // Done late afterwards: the breach is not recorded a second time.
    await asWriter(id, (tx, ctx) => stopClocks(tx, ctx, { ...key(id), targets: 'all', at: at(14 * HOUR) }));
    expect(await q(`select 1 from events where subject_type = $1 and subject_id = $2 and type = 'sla_breached'`, [TYPE, id])).toHaveLength(1);
  });

  it('a clock paused by its lifecycle after its due time is breached by the writer, once; the sweep leaves it', async () => {
    t.clock.set(at(0).toISOString());
    const { id } = await makeCustomer(t);
    await asWriter(id, (tx, ctx) => startClock(tx, ctx, { ...key(id), target: 'onSiteVisit', spec: hours(1), startedAt: at(0) }));
    t.clock.set(at(2 * HOUR).toISOString());
    await asWriter(id, (tx, ctx) => applyPauseRules(tx, ctx, { ...key(id), lifecycle: CALLBACK_LIFECYCLE, status: 'waiting_customer', at: at(2 * HOUR) }));
    expect(await clocks(id)).toMatchObject([{ status: 'breached', breachedAt: at(HOUR), breachRecordedAt: at(2 * HOUR) }]);
    await detectBreaches(t.ctx, 500, subjects);
    expect(await q(`select 1 from events where subject_type = $1 and subject_id = $2 and type = 'sla_breached'`, [TYPE, id])).toHaveLength(1);
    expect(await q(`select 1 from outbox where topic = 'sla.breached' and payload->>'subjectId' = $1`, [id])).toHaveLength(1);
  });

  it('a subject type nobody registered gets no clock (it would never breach)', async () => {
    const { id } = await makeCustomer(t);
    await expect(
      asWriter(id, (tx, ctx) => startClock(tx, ctx, { subjectType: TYPE, subjectId: id, target: 'refund', spec: hours(1), startedAt: at(0) })),
    ).rejects.toThrow(/customer_callback is not registered/);
    expect(await clocks(id)).toEqual([]);
    expect(() => slaSubjects(...SLA_SUBJECTS.values(), callback, callback)).toThrow(/registered twice/);
    expect(() => slaSubjects({ ...callback, type: 'repair:order' })).toThrow(/lower-case/);
  });
});

/** Sweeps breaches and warnings in small batches (many short transactions) until `until` settles. */
function sweepWhile(ctx: AppContext, until: Promise<unknown>): Promise<string[]> {
  let done = false;
  const stop = () => {
    done = true;
  };
  void until.then(stop, stop);
  return (async () => {
    const errors: string[] = [];
    while (!done) {
      try {
        const found = (await detectBreaches(ctx, 7, subjects)) + (await detectWarnings(ctx, 7, subjects));
        // Pacing only: an idle loop would otherwise hammer the database with empty transactions.
        if (!found) await new Promise((r) => setTimeout(r, 10));
      } catch (err) {
        errors.push(String((err as { cause?: unknown }).cause ?? err));
      }
    }
    return errors;
  })();
}

// PGlite has one connection, so there the transactions never overlap and this passes trivially; on
// PostgreSQL the writers and two sweeps really run at once (npm test runs both).
describe('writers of a non-ticket subject and the SLA sweeps on the same subjects', () => {
  it('30 subjects each starting, journaling, pausing and stopping overdue clocks while two sweeps run: no deadlock, every breach recorded once', async () => {
    t.clock.set(at(72 * HOUR).toISOString());
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await makeCustomer(t)).id);
    // Overdue tickets too, so the sweeps lock subjects of two types in one transaction.
    const overdue = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/tickets/import',
      payload: {
        tickets: Array.from({ length: 10 }, (_, i) => ({
          channel: 'phone',
          requestType: 'repair',
          description: `迁移工单 ${i}`,
          customerId: ids[i],
          receivedAt: at(0).toISOString(),
          priority: 'urgent',
        })),
      },
    });
    expect(overdue.statusCode).toBe(200);

    // Each subject's use case, over and over: start a clock that is already overdue (the sweep may
    // take it at once), then journal on the subject's chain and pause or stop it — the writer holds
    // the chain before it touches the clock, the sweep the clock before the chain: only the subject
    // lock taken first by both keeps them from waiting on each other.
    const TARGETS = ['onSiteVisit', 'returnReview', 'refund', 'exchangeShipment', 'complaintContact'] as const;
    const writes = Promise.all(
      ids.map(async (id) => {
        for (const [i, target] of TARGETS.entries()) {
          await asWriter(id, (tx, ctx) => startClock(tx, ctx, { ...key(id), target, spec: hours(24), startedAt: at(0) }));
          await asWriter(id, async (tx, ctx) => {
            await appendEvent(tx, ctx, { subjectType: TYPE, subjectId: id, type: 'callback_note', actor: null });
            if (i % 2) await pauseClocks(tx, ctx, { ...key(id), targets: [target], at: ctx.clock.now() });
            else await stopClocks(tx, ctx, { ...key(id), targets: [target], at: ctx.clock.now() });
            await resumeClocks(tx, ctx, { ...key(id), targets: 'all', at: ctx.clock.now() });
          });
        }
        return 'ok';
      }),
    ).catch((err: unknown) => [String((err as { cause?: unknown }).cause ?? err)]);
    const sweeps = await Promise.all([sweepWhile(t.ctx, writes), sweepWhile(t.ctx, writes)]);
    expect((await writes).filter((r) => r !== 'ok')).toEqual([]);
    expect(sweeps.flat()).toEqual([]);
    while ((await detectBreaches(t.ctx, 500, subjects)) > 0) {
      // drain, a batch at a time
    }

    // Every clock was overdue when it started: each is breached, with exactly one event on its chain.
    const perClock = await q<{ subject_id: string; target: string; status: string; n: number }>(
      `select c.subject_id, c.target, c.status,
              (select count(*)::int from events e where e.subject_type = c.subject_type and e.subject_id = c.subject_id
                 and e.type = 'sla_breached' and e.data->>'target' = c.target) as n
         from sla_clocks c where c.subject_type = $1 and c.subject_id = any($2::uuid[])`,
      [TYPE, `{${ids.join(',')}}`],
    );
    expect(perClock).toHaveLength(ids.length * TARGETS.length);
    expect(perClock.filter((c) => c.n !== 1 || c.status !== 'breached')).toEqual([]);
    const [flagged] = await q<{ n: number }>(`select count(*)::int as n from tickets where customer_id = any($1::uuid[]) and sla_breached`, [
      `{${ids.join(',')}}`,
    ]);
    expect(flagged!.n).toBe(10);
  }, 120_000);
});
