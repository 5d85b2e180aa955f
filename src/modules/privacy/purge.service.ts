import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { txContext, type Actor, type AppContext, type TxContext } from '../../context';
import { lockTickets } from '../../db/lock-order';
import { mayPurge, purgeCandidatesThrough } from '../../domain/privacy/retention';
import { localDate } from '../../domain/shared/local-date';
import { notFound } from '../../domain/shared/errors';
import { suggestPriority } from '../../domain/ticket/triage';
import { enqueue } from '../../jobs/outbox';
import type { TopicPayload } from '../../jobs/catalogue';
import { deletePurgedFiles, purgeAttachmentRows } from '../attachments/attachments.service';
import { appendEvent } from '../audit/audit.service';
import { anonymiseStoredMail } from '../mail/mail.service';
import { incidentsRaisedBetween } from '../reports/incidents.service';
import { closedTicketsBefore, triageTokenize } from '../tickets/tickets.service';
import { purgeRuns, type PurgeResult, type PurgeRunRow } from './privacy.tables';

const BATCH = 200;
const DAY = 86_400_000;
const EMPTY: PurgeResult = {
  examined: 0,
  kept: { safety: 0, inPeriod: 0 },
  purged: { tickets: 0, mailRaw: 0, attachmentFiles: 0 },
  ticketIds: [],
  filesPending: [],
};

/** 安全相关: the request's own words report a safety problem (004 §二(二) triage rule), or a safety incident names it. */
function safetyRelated(t: { title: string; description: string }, inSafetyIncident: boolean): boolean {
  if (inSafetyIncident) return true;
  return suggestPriority(`${t.title}\n${t.description}`, triageTokenize).evidence.some((e) => e.rule === 'safety' && e.effect === 'counts');
}

/** Starts a purge run in the background (outbox batches); the run row shows its progress. */
export async function startPurge(ctx: AppContext, actor: Actor): Promise<PurgeRunRow> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(purgeRuns)
      .values({ id: randomUUID(), status: 'running', today: localDate(now), result: EMPTY, startedById: actor.id, startedAt: now })
      .returning();
    await enqueue(tx, now, 'privacy.purge', { runId: row!.id, after: null });
    return row!;
  });
}

/**
 * One batch of a run, in one transaction: candidates closed on or before the bound, each checked
 * with the retention rules (src/domain/privacy/retention.ts). A kept ticket is never touched. Lock
 * order: the purgeable tickets in id order (step 1, skipping one someone is writing — the next run
 * takes it), their mail and attachment rows (2), the run's chain at the end (3). Returns the next
 * cursor, or null when the run is finished.
 */
export async function purgeBatch(ctx: TxContext, runId: string, after: string | null): Promise<string | null> {
  const [run] = await ctx.tx.select().from(purgeRuns).where(eq(purgeRuns.id, runId)).for('update');
  if (!run || run.status !== 'running') return null;
  const bound = new Date(Date.parse(`${purgeCandidatesThrough(run.today)}T00:00:00+08:00`) + DAY);
  const page = await closedTicketsBefore(ctx.tx, bound, after, BATCH);
  const safetyIncidents = (await incidentsRaisedBetween(ctx.tx, new Date(0), new Date('9999-12-31T00:00:00Z'))).filter((i) => i.kind === 'safety_event');
  const safetyTickets = new Set(safetyIncidents.flatMap((i) => i.ticketIds));
  const result: PurgeResult = structuredClone(run.result);
  const purgeable: string[] = [];
  for (const t of page) {
    result.examined++;
    const record = { closedOn: t.closedAt ? localDate(t.closedAt) : null, safetyRelated: safetyRelated(t, safetyTickets.has(t.id)) };
    if (record.safetyRelated) result.kept.safety++;
    else if (!mayPurge(record, run.today)) result.kept.inPeriod++;
    else purgeable.push(t.id);
  }
  const locked = await lockTickets(ctx.tx, purgeable, { skipLocked: true });
  if (locked.length) {
    result.purged.mailRaw += await anonymiseStoredMail(ctx.tx, { ticketIds: locked, addressBidx: [] }, 'raw');
    const files = await purgeAttachmentRows(ctx.tx, locked);
    result.purged.attachmentFiles += files.count;
    result.filesPending = [...new Set([...result.filesPending, ...files.sha256])];
    result.purged.tickets += locked.length;
    result.ticketIds.push(...locked);
  }
  const done = page.length < BATCH;
  const now = ctx.clock.now();
  await ctx.tx
    .update(purgeRuns)
    .set({ result, progress: done ? 100 : Math.min(95, run.progress + 5), ...(done ? { status: 'done', finishedAt: now } : {}) })
    .where(eq(purgeRuns.id, runId));
  if (done) {
    // What was removed, for the record: counts per kind and the tickets' ids (no personal data).
    const { filesPending: _files, ...logged } = result;
    await appendEvent(ctx.tx, ctx, {
      subjectType: 'privacy_purge',
      subjectId: runId,
      type: 'purge_completed',
      actor: { id: run.startedById, name: 'purge', role: 'system' },
      data: { today: run.today, ...logged },
    });
    return null;
  }
  return page[page.length - 1]!.id;
}

/** The outbox handler of `privacy.purge`: a batch, then the next one (or the file deletion). */
export async function purgeStep(ctx: TxContext, p: TopicPayload<'privacy.purge'>): Promise<void> {
  const next = await purgeBatch(ctx, p.runId, p.after);
  await enqueue(ctx.tx, ctx.clock.now(), next ? 'privacy.purge' : 'privacy.purge_files', next ? { runId: p.runId, after: next } : { runId: p.runId });
}

/** After the run committed: deletes the purged files no other row still uses. */
export async function purgeFiles(ctx: Pick<AppContext, 'db' | 'dataDir'>, runId: string): Promise<number> {
  const [run] = await ctx.db.select().from(purgeRuns).where(eq(purgeRuns.id, runId));
  if (!run || run.status !== 'done') return 0;
  return deletePurgedFiles(ctx, run.result.filesPending);
}

/** `npm run cli -- purge`: the same run, batch after batch in this process, then the files. */
export async function runPurgeNow(ctx: AppContext, actor: Actor, onProgress: (run: PurgeRunRow) => void = () => {}): Promise<PurgeRunRow> {
  const now = ctx.clock.now();
  const [run] = await ctx.db
    .insert(purgeRuns)
    .values({ id: randomUUID(), status: 'running', today: localDate(now), result: EMPTY, startedById: actor.id, startedAt: now })
    .returning();
  let after: string | null = null;
  for (;;) {
    const cursor: string | null = after;
    after = await ctx.db.transaction((tx) => purgeBatch(txContext(ctx, tx), run!.id, cursor));
    const current = await getPurgeRun(ctx, run!.id);
    onProgress(current);
    if (!after) break;
  }
  await purgeFiles(ctx, run!.id);
  return getPurgeRun(ctx, run!.id);
}

export async function getPurgeRun(ctx: Pick<AppContext, 'db'>, id: string): Promise<PurgeRunRow> {
  const [row] = await ctx.db.select().from(purgeRuns).where(eq(purgeRuns.id, id));
  if (!row) throw notFound('purge run', id);
  return row;
}

export async function listPurgeRuns(ctx: Pick<AppContext, 'db'>, limit = 50): Promise<PurgeRunRow[]> {
  return ctx.db.select().from(purgeRuns).orderBy(desc(purgeRuns.startedAt)).limit(limit);
}
