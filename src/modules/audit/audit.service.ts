import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { eventHash, verifyChain, type ChainBreak } from '../../domain/audit/chain';
import { events } from './audit.tables';

export interface NewEvent {
  subjectType: string;
  subjectId: string;
  type: string;
  actor: Actor | null;
  visibility?: 'public' | 'internal';
  body?: string | null;
  /** before/after values and anything else worth keeping; must be JSON-safe. */
  data?: Record<string, unknown> | null;
  /** Defaults to the clock; imports pass the original time. */
  at?: Date;
  /**
   * The subject was created in this same transaction (e.g. a new ticket with a fresh random id): no
   * other transaction can write its chain yet, so the lock and the lookup of the last link are skipped.
   * The unique (subject, seq) index still backs this up.
   */
  newSubject?: boolean;
}

export type EventRow = typeof events.$inferSelect;

/**
 * Appends one event to a subject's chain inside the caller's transaction. An advisory lock on the
 * subject serialises writers of the same subject only; the unique (subject, seq) index is the backstop.
 */
export async function appendEvent(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, e: NewEvent): Promise<EventRow> {
  let last: { seq: number; hash: string } | undefined;
  if (!e.newSubject) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${e.subjectType}:${e.subjectId}`}, 0))`);
    [last] = await tx
      .select({ seq: events.seq, hash: events.hash })
      .from(events)
      .where(and(eq(events.subjectType, e.subjectType), eq(events.subjectId, e.subjectId)))
      .orderBy(desc(events.seq))
      .limit(1);
  }
  const at = new Date(Math.floor((e.at ?? ctx.clock.now()).getTime()));
  const content = {
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    seq: (last?.seq ?? 0) + 1,
    type: e.type,
    actorId: e.actor?.id ?? null,
    at: at.toISOString(),
    visibility: e.visibility ?? 'internal',
    body: e.body ?? null,
    data: e.data ? (JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>) : null,
  };
  const prevHash = last?.hash ?? null;
  const hash = eventHash(prevHash, content, ctx.keys.auditMac);
  const [row] = await tx
    .insert(events)
    .values({ ...content, at, actorName: e.actor?.name ?? null, prevHash, hash })
    .returning();
  return row!;
}

export async function listEvents(db: DbOrTx, subjectType: string, subjectId: string, opts: { includeInternal: boolean }) {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
    .orderBy(asc(events.seq));
  return opts.includeInternal ? rows : rows.filter((r) => r.visibility === 'public');
}

export interface VerifyReport {
  subjects: number;
  events: number;
  firstBreak: (ChainBreak & { subjectType: string; subjectId: string }) | null;
}

/** Walks every subject's chain (streaming by subject) and reports the first broken link. */
export async function verifyAuditTrail(ctx: AppContext, onProgress?: (done: number) => void): Promise<VerifyReport> {
  const subjects = await ctx.db
    .selectDistinct({ subjectType: events.subjectType, subjectId: events.subjectId })
    .from(events)
    .orderBy(events.subjectType, events.subjectId);
  let count = 0;
  for (const [i, s] of subjects.entries()) {
    const rows = await listEvents(ctx.db, s.subjectType, s.subjectId, { includeInternal: true });
    count += rows.length;
    const broken = verifyChain(
      rows.map((r) => ({
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        seq: r.seq,
        type: r.type,
        actorId: r.actorId,
        at: r.at.toISOString(),
        visibility: r.visibility,
        body: r.body,
        data: r.data ?? null,
        prevHash: r.prevHash,
        hash: r.hash,
      })),
      ctx.keys.auditMac,
    );
    if (broken) return { subjects: i + 1, events: count, firstBreak: { ...broken, ...s } };
    if (onProgress && i % 500 === 0) onProgress(i);
  }
  return { subjects: subjects.length, events: count, firstBreak: null };
}
