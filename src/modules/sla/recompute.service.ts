import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TxContext } from '../../context';
import { calendarFor, recompute, warningAt } from '../../domain/sla';
import type { TopicPayload } from '../../jobs/catalogue';
import { enqueue, jobMessages } from '../../jobs/outbox';
import type { DbOrTx } from '../../db/client';
import { loadCalendars } from './calendars.service';
import { clockColumns, toDomainClock } from './clock-rows';
import { refreshSummary } from './clocks.service';
import { slaClocks } from './sla.tables';
import { SLA_SUBJECTS, subjectOf } from './subjects';

export const onCalendar = (calendarId: string) => and(inArray(slaClocks.status, ['running', 'paused']), sql`${slaClocks.spec}->>'calendarId' = ${calendarId}`);
const BATCH = 200;

export interface RecomputeProgress {
  jobId: number;
  calendarId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Clocks recomputed so far (all of them once done). */
  done: number;
  /** Open clocks on the calendar when the edit was saved; null for jobs queued before it was kept. */
  total: number | null;
  lastError: string | null;
}

/** Where a recompute job stands, from its outbox rows (one per batch); null when there is no such job. */
export async function recomputeProgress(db: DbOrTx, jobId: number): Promise<RecomputeProgress | null> {
  const rows = (await jobMessages(db, jobId)).filter((r) => r.topic === 'sla.calendar_recompute');
  if (!rows.length) return null;
  const payloads = rows.map((r) => r.payload as TopicPayload<'sla.calendar_recompute'>);
  const first = payloads[0]!;
  const total = first.total ?? null;
  const stuck = rows.find((r) => !r.deliveredAt && r.gaveUp);
  const pending = rows.some((r) => !r.deliveredAt);
  const done = Math.max(...payloads.map((p) => p.done));
  const status = stuck ? 'failed' : pending ? (done > 0 ? 'running' : 'queued') : 'done';
  return {
    jobId,
    calendarId: first.calendarId,
    status,
    // A finished job recomputed every clock that was open when it was queued (the last batch is not counted in any payload).
    done: status === 'done' ? Math.max(done, total ?? 0) : done,
    total,
    lastError: stuck?.lastError ?? rows.find((r) => r.lastError && !r.deliveredAt)?.lastError ?? null,
  };
}

/**
 * One batch of a recompute job, in the delivery's transaction: the next BATCH open clocks after
 * `after`, so a large backlog never holds one long lock. A full batch queues the next one.
 * Lock order (src/db/lock-order.ts): the outbox row was claimed with SKIP LOCKED (it never waits);
 * then the clocks' subjects (tickets), then their clocks, re-read under the lock since a reply or the sweep may have
 * stopped or breached them meanwhile; the next batch's outbox row last.
 */
export async function recomputeBatch(ctx: TxContext, job: TopicPayload<'sla.calendar_recompute'>, message: { id: number }, size = BATCH): Promise<void> {
  const { tx } = ctx;
  // Never the cache: this may run on another process than the edit, within the cache's lifetime.
  const calendars = await loadCalendars(ctx, tx, { fresh: true });
  const batch = await tx
    .select({ id: slaClocks.id, subjectType: slaClocks.subjectType, subjectId: slaClocks.subjectId })
    .from(slaClocks)
    .where(and(onCalendar(job.calendarId), job.after ? sql`${slaClocks.id} > ${job.after}` : undefined))
    .orderBy(slaClocks.id)
    .limit(size);
  if (!batch.length) return;
  // Step 1: the subjects, type by type in a fixed order, each type's rows in id order.
  const locked = new Set<string>();
  for (const type of [...new Set(batch.map((b) => b.subjectType))].sort()) {
    const ids = batch.filter((b) => b.subjectType === type).map((b) => b.subjectId);
    for (const id of await subjectOf(SLA_SUBJECTS, type).lock(tx, ids, {})) locked.add(`${type}:${id}`);
  }
  const rows = (
    await tx
      .select()
      .from(slaClocks)
      .where(
        and(
          inArray(
            slaClocks.id,
            batch.map((b) => b.id),
          ),
          onCalendar(job.calendarId),
        ),
      )
  ).filter((r) => locked.has(`${r.subjectType}:${r.subjectId}`));
  for (const row of rows) {
    const { clock } = recompute(toDomainClock(row), row.spec, calendars);
    const warnAt = clock.status === 'running' ? warningAt(clock, calendarFor(clock.spec, calendars)) : row.warnAt;
    await tx
      .update(slaClocks)
      .set({ ...clockColumns(clock), warnAt })
      .where(eq(slaClocks.id, row.id));
  }
  // A ticket keeps its next due time in its own row (the lists sort by it).
  for (const id of new Set(rows.filter((r) => r.subjectType === 'ticket').map((r) => r.subjectId))) await refreshSummary(tx, ctx, id);
  if (batch.length === size) {
    await enqueue(tx, ctx.clock.now(), 'sla.calendar_recompute', {
      calendarId: job.calendarId,
      jobId: job.jobId ?? message.id,
      after: batch.at(-1)!.id,
      done: job.done + batch.length,
      total: job.total,
    });
  }
}
