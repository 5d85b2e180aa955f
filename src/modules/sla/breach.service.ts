import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { publishLiveAfterCommit, type LiveEvent } from '../tickets/live';
import { announce, type AnnouncedClock } from './announce';
import { lockSubjectsOf, SLA_SUBJECTS, subjectOf, type SlaSubjects } from './subjects';

type DueClock = {
  id: string;
  subject_type: string;
  subject_id: string;
  target: string;
  due_at: Date;
  spec: { amount: number; unit: string; calendarId: string };
};

// Working-day targets all end at 24:00, so thousands of clocks fall due at the same instant: both
// sweeps are set-based (a handful of statements per batch of 500, whatever its size). They follow
// the lock order of src/db/lock-order.ts like every writer: find the due clocks without locking,
// lock their subjects (skipping those being written, left to the next run) through each subject
// type's locker, then change only the clocks of the locked subjects that are still due, append the
// events to the subjects' chains, enqueue the outbox rows and let each subject type refresh its own
// columns — all in one transaction. A clock is only ever changed under its subject's lock, so every
// breach and warning is recorded exactly once, also with several processes and when a writer stops
// the same clock late. Clocks of a type this process does not know are left alone.

const announced = (rows: DueClock[]): AnnouncedClock[] =>
  rows.map((c) => ({ subjectType: c.subject_type, subjectId: c.subject_id, target: c.target, dueAt: new Date(c.due_at), spec: c.spec }));

const textArray = (xs: readonly string[]) => `{${xs.join(',')}}`;

/**
 * Locks (skipping busy ones) the subjects of up to `limit` clocks matching `due`, most urgent first.
 * Returns the condition selecting the clocks of the locked subjects.
 */
async function lockDueSubjects(tx: DbOrTx, subjects: SlaSubjects, due: SQL, orderBy: SQL, limit: number): Promise<SQL | null> {
  // Types are checked names (lower-case letters and underscores), passed as one text[] literal.
  const found = await tx.execute<{ subject_type: string; subject_id: string }>(sql`
    select subject_type, subject_id from sla_clocks
    where ${due} and subject_type = any(${textArray([...subjects.keys()])}::text[])
    order by ${orderBy} limit ${limit}`);
  const locked = await lockSubjectsOf(
    tx,
    found.rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id })),
    { skipLocked: true },
    subjects,
  );
  const byType = new Map<string, string[]>();
  for (const key of locked) {
    const [type, id] = key.split(':') as [string, string];
    byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  const parts = [...byType].map(([type, ids]) => sql`(subject_type = ${type} and subject_id = any(${textArray(ids)}::uuid[]))`);
  return parts.length ? sql.join(parts, sql` or `) : null;
}

/** Announces the swept clocks, then lets each subject type keep its own columns in step. */
async function record(tx: DbOrTx, ctx: AppContext, subjects: SlaSubjects, rows: DueClock[], kind: 'breached' | 'warning', now: Date): Promise<LiveEvent[]> {
  const byType = await announce(tx, ctx, announced(rows), kind, now, subjects);
  const live: LiveEvent[] = [];
  for (const [type, { ids, refs }] of byType) {
    const after = subjectOf(subjects, type).afterSweep;
    if (after) live.push(...(await after(tx, ctx, { kind, ids, refs })));
  }
  return live;
}

/** Marks running clocks past their due time as breached: timeline event, notification, flag. */
export async function detectBreaches(ctx: AppContext, limit = 500, subjects: SlaSubjects = SLA_SUBJECTS): Promise<number> {
  const now = ctx.clock.now();
  const live: LiveEvent[] = [];
  const due = sql`status = 'running' and due_at <= ${now}`;
  const count = await ctx.db.transaction(async (tx) => {
    const mine = await lockDueSubjects(tx, subjects, due, sql`due_at`, limit);
    if (!mine) return 0;
    const res = await tx.execute<DueClock>(sql`
      update sla_clocks set status = 'breached', breached_at = due_at, breach_recorded_at = ${now}
      where (${mine}) and ${due}
      returning id, subject_type, subject_id, target, due_at, spec`);
    if (!res.rows.length) return 0;
    live.push(...(await record(tx, ctx, subjects, res.rows, 'breached', now)));
    return res.rows.length;
  });
  for (const e of live) publishLiveAfterCommit(ctx.database, e);
  return count;
}

/** The "80 % of the time used" warning, once per clock; for progress updates it is the reminder. */
export async function detectWarnings(ctx: AppContext, limit = 500, subjects: SlaSubjects = SLA_SUBJECTS): Promise<number> {
  const now = ctx.clock.now();
  const live: LiveEvent[] = [];
  const due = sql`status = 'running' and warned_at is null and warn_at <= ${now}`;
  const count = await ctx.db.transaction(async (tx) => {
    const mine = await lockDueSubjects(tx, subjects, due, sql`warn_at`, limit);
    if (!mine) return 0;
    const res = await tx.execute<DueClock>(sql`
      update sla_clocks set warned_at = ${now}
      where (${mine}) and ${due}
      returning id, subject_type, subject_id, target, due_at, spec`);
    if (!res.rows.length) return 0;
    live.push(...(await record(tx, ctx, subjects, res.rows, 'warning', now)));
    return res.rows.length;
  });
  for (const e of live) publishLiveAfterCommit(ctx.database, e);
  return count;
}
