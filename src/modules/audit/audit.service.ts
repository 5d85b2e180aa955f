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
  const [row] = await tx.insert(events).values(chainRow(ctx, e, last)).returning();
  return row!;
}

/** The stored row of `e` chained after `prev` (the subject's last event, if any). */
function chainRow(ctx: Pick<AppContext, 'clock' | 'keys'>, e: NewEvent, prev: { seq: number; hash: string } | undefined) {
  const at = new Date(Math.floor((e.at ?? ctx.clock.now()).getTime()));
  const content = {
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    seq: (prev?.seq ?? 0) + 1,
    type: e.type,
    actorId: e.actor?.id ?? null,
    at: at.toISOString(),
    visibility: e.visibility ?? 'internal',
    body: e.body ?? null,
    data: e.data ? (JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>) : null,
  };
  const prevHash = prev?.hash ?? null;
  return { ...content, at, actorName: e.actor?.name ?? null, prevHash, hash: eventHash(prevHash, content, ctx.keys.auditMac) };
}

/**
 * appendEvent for many subjects at once (the breach sweep): one statement takes the advisory locks
 * (keys sorted, so two batches cannot deadlock), one reads every chain's last link, one inserts.
 */
export async function appendEvents(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, list: NewEvent[]): Promise<void> {
  if (!list.length) return;
  const keyOf = (e: Pick<NewEvent, 'subjectType' | 'subjectId'>) => `${e.subjectType}:${e.subjectId}`;
  // Keys are 'type:uuid' (no quotes or commas), passed as one text[] literal.
  const keyArray = `{${[...new Set(list.map(keyOf))].sort().join(',')}}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keyArray}::text[]) as u(k)`);
  const lasts = await tx.execute<{ subject_type: string; subject_id: string; seq: number; hash: string }>(sql`
    select distinct on (e.subject_type, e.subject_id) e.subject_type, e.subject_id, e.seq, e.hash
      from events e join unnest(${keyArray}::text[]) as u(k)
        on e.subject_type = split_part(u.k, ':', 1) and e.subject_id = split_part(u.k, ':', 2)::uuid
     order by e.subject_type, e.subject_id, e.seq desc`);
  const last = new Map(lasts.rows.map((r) => [`${r.subject_type}:${r.subject_id}`, { seq: Number(r.seq), hash: r.hash }]));
  const rows = list.map((e) => {
    const row = chainRow(ctx, e, last.get(keyOf(e)));
    last.set(keyOf(e), { seq: row.seq, hash: row.hash });
    return row;
  });
  await tx.insert(events).values(rows);
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
