import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { CURRENT_HASH_VERSION, eventHash } from '../../domain/audit/chain';
import type { StatementBatch } from '../../db/statement-batch';
import { queryCompiled, statement, type Compiled } from '../../db/compiled';
import type { Keyring } from '../../security/keyring';
import { events } from './audit.tables';
import { openEvents } from './personal-data';

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
    // One round trip: the first link and its head together (ticket creation's hot path).
    const row = chainRow(ctx, e, undefined);
    const [inserted] = await queryCompiled<{ id: number }>(
      tx,
      statement`
      with e as (${insertEvent(row)} returning id),
           h as (insert into chain_heads (subject_type, subject_id, seq, hash, updated_at)
                 values (${row.subjectType}, ${row.subjectId}::uuid, ${row.seq}, ${row.hash}, ${now.toISOString()}::timestamptz))
      select id from e`,
    );
    return { ...row, id: Number(inserted!.id) };
  }
  const [head] = await queryCompiled<{ seq: number; hash: string }>(
    tx,
    statement`
    insert into chain_heads (subject_type, subject_id, seq, hash, updated_at) values (${e.subjectType}, ${e.subjectId}::uuid, 0, '', ${now.toISOString()}::timestamptz)
    on conflict (subject_type, subject_id) do update set seq = chain_heads.seq
    returning seq, hash`,
  );
  if (!head) throw new Error(`chain head of ${e.subjectType} ${e.subjectId} not returned`);
  const row = chainRow(ctx, e, Number(head.seq) > 0 ? { seq: Number(head.seq), hash: head.hash } : undefined);
  // The head is locked (above): the event and the head's move are one statement.
  const [inserted] = await queryCompiled<{ id: number }>(
    tx,
    statement`
    with e as (${insertEvent(row)} returning id),
         h as (update chain_heads set seq = ${row.seq}, hash = ${row.hash}, updated_at = ${now.toISOString()}::timestamptz
                where subject_type = ${row.subjectType} and subject_id = ${row.subjectId}::uuid)
    select id from e`,
  );
  return { ...row, id: Number(inserted!.id) };
}

/** One stored event by id (its body as stored: sealed where it is personal data). */
export async function eventById(db: DbOrTx, id: number): Promise<EventRow | null> {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  return row ?? null;
}

/**
 * The first events of a subject created in the caller's single write (a new ticket): the rows and
 * the chain's head join that statement (src/db/statement-batch.ts), with no lock and no lookup (see
 * `newSubject`). All of them at once, because the parts of one statement do not see each other's rows.
 */
export function appendNewChain(writes: StatementBatch, ctx: Pick<AppContext, 'clock' | 'keys'>, list: Omit<NewEvent, 'newSubject'>[]): void {
  let prev: Link | undefined;
  for (const e of list) {
    const row = chainRow(ctx, e, prev);
    writes.add(insertEvent(row));
    prev = { seq: row.seq, hash: row.hash };
  }
  const first = list[0];
  if (!first || !prev) return;
  writes.add(statement`insert into chain_heads (subject_type, subject_id, seq, hash, updated_at)
    values (${first.subjectType}, ${first.subjectId}::uuid, ${prev.seq}, ${prev.hash}, ${ctx.clock.now().toISOString()}::timestamptz)`);
}

type ChainRow = ReturnType<typeof chainRow>;

function insertEvent(r: ChainRow): Compiled {
  return statement`insert into events (subject_type, subject_id, seq, type, actor_id, actor_name, at, visibility, body, data, prev_hash, hash, hash_version)
    values (${r.subjectType}, ${r.subjectId}::uuid, ${r.seq}, ${r.type}, ${r.actorId}::uuid, ${r.actorName}, ${r.at.toISOString()}::timestamptz,
            ${r.visibility}, ${r.body}, ${r.data === null ? null : JSON.stringify(r.data)}::jsonb, ${r.prevHash}, ${r.hash}, ${r.hashVersion})`;
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
    visibility: e.visibility ?? ('internal' as 'public' | 'internal'),
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

/**
 * A subject's events in order. With `keys`, sealed personal fields are opened for reading
 * (personal-data.ts); without, they stay as stored (callers that only look at types and ids).
 */
export async function listEvents(db: DbOrTx, subjectType: string, subjectId: string, opts: { includeInternal: boolean; keys?: Keyring }) {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
    .orderBy(asc(events.seq));
  const visible = opts.includeInternal ? rows : rows.filter((r) => r.visibility === 'public');
  return opts.keys ? openEvents(db, opts.keys, visible) : visible;
}
