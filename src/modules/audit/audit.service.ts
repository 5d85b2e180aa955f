import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { CURRENT_HASH_VERSION, eventHash } from '../../domain/audit/chain';
import { chainHeads, events } from './audit.tables';

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
   * The chain_heads primary key and the unique (subject, seq) index still back this up.
   */
  newSubject?: boolean;
}

export type EventRow = typeof events.$inferSelect;
type Link = { seq: number; hash: string };

/**
 * Appends one event to a subject's chain inside the caller's transaction. Locking the chain's head
 * row (created here for a new chain) serialises writers of the same subject only; this is "the chain
 * lock" in the writers' lock order (subject row → clocks → chain → outbox).
 */
export async function appendEvent(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, e: NewEvent): Promise<EventRow> {
  const now = ctx.clock.now();
  if (e.newSubject) {
    const [row] = await tx
      .insert(events)
      .values(chainRow(ctx, e, undefined))
      .returning();
    await tx.insert(chainHeads).values({ subjectType: e.subjectType, subjectId: e.subjectId, seq: row!.seq, hash: row!.hash, updatedAt: now });
    return row!;
  }
  const locked = await tx.execute<{ seq: number; hash: string }>(sql`
    insert into chain_heads (subject_type, subject_id, seq, hash, updated_at) values (${e.subjectType}, ${e.subjectId}::uuid, 0, '', ${now.toISOString()}::timestamptz)
    on conflict (subject_type, subject_id) do update set seq = chain_heads.seq
    returning seq, hash`);
  const head = locked.rows[0]!;
  const [row] = await tx
    .insert(events)
    .values(chainRow(ctx, e, Number(head.seq) > 0 ? { seq: Number(head.seq), hash: head.hash } : undefined))
    .returning();
  await tx
    .update(chainHeads)
    .set({ seq: row!.seq, hash: row!.hash, updatedAt: now })
    .where(and(eq(chainHeads.subjectType, e.subjectType), eq(chainHeads.subjectId, e.subjectId)));
  return row!;
}

/** The stored row of `e` chained after `prev` (the subject's last event, if any). */
function chainRow(ctx: Pick<AppContext, 'clock' | 'keys'>, e: NewEvent, prev: Link | undefined) {
  const at = new Date(Math.floor((e.at ?? ctx.clock.now()).getTime()));
  const content = {
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    seq: (prev?.seq ?? 0) + 1,
    type: e.type,
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.name ?? null,
    at: at.toISOString(),
    visibility: e.visibility ?? 'internal',
    body: e.body ?? null,
    data: e.data ? (JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>) : null,
    hashVersion: CURRENT_HASH_VERSION,
  };
  const prevHash = prev?.hash ?? null;
  return { ...content, at, prevHash, hash: eventHash(prevHash, content, ctx.keys.auditMac) };
}

/**
 * appendEvent for many subjects at once (the breach sweep): one statement locks every chain's head
 * (keys sorted, so two batches cannot deadlock) and returns its last link, one inserts the events,
 * one moves the heads.
 */
export async function appendEvents(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, list: NewEvent[]): Promise<void> {
  if (!list.length) return;
  const now = ctx.clock.now();
  const keyOf = (e: Pick<NewEvent, 'subjectType' | 'subjectId'>) => `${e.subjectType}:${e.subjectId}`;
  // Keys are 'type:uuid' (no quotes or commas), passed as one text[] literal; rows are locked in its order.
  const keyArray = `{${[...new Set(list.map(keyOf))].sort().join(',')}}`;
  const locked = await tx.execute<{ subject_type: string; subject_id: string; seq: number; hash: string }>(sql`
    insert into chain_heads (subject_type, subject_id, seq, hash, updated_at)
    select split_part(u.k, ':', 1), split_part(u.k, ':', 2)::uuid, 0, '', ${now.toISOString()}::timestamptz
      from unnest(${keyArray}::text[]) with ordinality as u(k, i) order by u.i
    on conflict (subject_type, subject_id) do update set seq = chain_heads.seq
    returning subject_type, subject_id, seq, hash`);
  const last = new Map<string, Link | undefined>(
    locked.rows.map((r) => [`${r.subject_type}:${r.subject_id}`, Number(r.seq) > 0 ? { seq: Number(r.seq), hash: r.hash } : undefined]),
  );
  const rows = list.map((e) => {
    const row = chainRow(ctx, e, last.get(keyOf(e)));
    last.set(keyOf(e), { seq: row.seq, hash: row.hash });
    return row;
  });
  await tx.insert(events).values(rows);
  const heads = [...last].map(([k, link]) => ({ t: k.split(':')[0], id: k.split(':')[1], seq: link!.seq, hash: link!.hash }));
  await tx.execute(sql`
    update chain_heads h set seq = v.seq, hash = v.hash, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) as v(t text, id uuid, seq int, hash text)
     where h.subject_type = v.t and h.subject_id = v.id`);
}

export async function listEvents(db: DbOrTx, subjectType: string, subjectId: string, opts: { includeInternal: boolean }) {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
    .orderBy(asc(events.seq));
  return opts.includeInternal ? rows : rows.filter((r) => r.visibility === 'public');
}
