import { asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { checkpointMac } from '../../domain/audit/chain';
import { auditCheckpointHeads, auditCheckpoints } from './audit.tables';

// Signed checkpoints of every chain head. Deleting a chain's newest events and rewriting its head
// row to match leaves the chain consistent; only a record made before the deletion, which the forger
// cannot re-sign without the key, shows the chain went backwards.

const CHECKPOINT_LOCK_KEY = 727_274_002; // arbitrary, constant: one checkpoint writer at a time
export const CHECKPOINT_INTERVAL_MS = 10 * 60_000;

export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

export interface LostHead {
  subjectType: string;
  subjectId: string;
  /** The head the checkpoint signed, no longer present as that event. */
  seq: number;
}

/** sha256 over the heads a checkpoint signed, in a collation-independent order (see CheckpointContent). */
async function snapshotDigest(db: DbOrTx, checkpointSeq: number): Promise<{ subjects: number; digest: string }> {
  const r = await db.execute<{ n: number; digest: string }>(sql`
    select count(*)::int as n,
           encode(sha256(convert_to(coalesce(string_agg(subject_type || ':' || subject_id || ':' || seq || ':' || hash, E'\n'
                  order by subject_type collate "C", subject_id), ''), 'UTF8')), 'hex') as digest
      from audit_checkpoint_heads where checkpoint_seq = ${checkpointSeq}`);
  return { subjects: Number(r.rows[0]!.n), digest: r.rows[0]!.digest };
}

/** Heads the checkpoint signed that are gone: that event was deleted or changed, or the head moved back. */
export async function lostSinceCheckpoint(db: DbOrTx, checkpointSeq: number, limit = 100): Promise<LostHead[]> {
  const r = await db.execute<{ subject_type: string; subject_id: string; seq: number }>(sql`
    select c.subject_type, c.subject_id, c.seq
      from audit_checkpoint_heads c
      left join events e on e.subject_type = c.subject_type and e.subject_id = c.subject_id and e.seq = c.seq
      left join chain_heads h on h.subject_type = c.subject_type and h.subject_id = c.subject_id
     where c.checkpoint_seq = ${checkpointSeq} and (e.hash is distinct from c.hash or h.seq is null or h.seq < c.seq)
     order by c.subject_type, c.subject_id
     limit ${limit}`);
  return r.rows.map((x) => ({ subjectType: x.subject_type, subjectId: x.subject_id, seq: Number(x.seq) }));
}

/** Problems with the checkpoints themselves: a forged or edited one, a deleted one in the middle. */
export async function checkCheckpoints(
  db: DbOrTx,
  mac: (s: string) => string,
): Promise<{ latest: CheckpointRow | null; problems: { seq: number; detail: string }[] }> {
  const rows = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq));
  const problems: { seq: number; detail: string }[] = [];
  let prev: CheckpointRow | null = null;
  for (const c of rows) {
    const expected = (prev?.seq ?? 0) + 1;
    if (c.seq !== expected) problems.push({ seq: c.seq, detail: `checkpoint #${expected} is missing` });
    else if (c.prevMac !== (prev?.mac ?? null)) problems.push({ seq: c.seq, detail: 'does not link to the previous checkpoint' });
    if (checkpointMac({ ...c, createdAt: c.createdAt.toISOString() }, mac) !== c.mac) problems.push({ seq: c.seq, detail: 'signature does not match' });
    prev = c;
  }
  const latest = rows.at(-1) ?? null;
  if (latest) {
    const snap = await snapshotDigest(db, latest.seq);
    if (snap.digest !== latest.digest || snap.subjects !== latest.subjects) problems.push({ seq: latest.seq, detail: 'its list of heads was edited' });
  }
  return { latest, problems };
}

export type CheckpointResult =
  | { written: true; checkpoint: CheckpointRow }
  | { written: false; reason: 'recent' | 'unchanged'; checkpoint: CheckpointRow }
  | { written: false; reason: 'lost_heads'; lost: LostHead[] };

/**
 * Signs the current heads as a new checkpoint, unless the latest one is younger than `minIntervalMs`
 * or nothing changed since. It refuses when a head the latest checkpoint signed is gone: signing the
 * shortened chain would erase the evidence, so the old checkpoint stays until someone looks.
 */
export async function writeCheckpoint(ctx: Pick<AppContext, 'db' | 'clock' | 'keys'>, opts: { minIntervalMs?: number } = {}): Promise<CheckpointResult> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK_KEY})`);
    const [latest] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
    const now = new Date(Math.floor(ctx.clock.now().getTime()));
    if (latest && opts.minIntervalMs && now.getTime() - latest.createdAt.getTime() < opts.minIntervalMs) {
      return { written: false, reason: 'recent', checkpoint: latest };
    }
    if (latest) {
      const lost = await lostSinceCheckpoint(tx, latest.seq);
      if (lost.length) return { written: false, reason: 'lost_heads', lost };
    }
    const seq = (latest?.seq ?? 0) + 1;
    await tx.execute(sql`
      insert into audit_checkpoint_heads (checkpoint_seq, subject_type, subject_id, seq, hash)
      select ${seq}, subject_type, subject_id, seq, hash from chain_heads where seq > 0`);
    const { subjects, digest } = await snapshotDigest(tx, seq);
    if (latest && digest === latest.digest) {
      await tx.delete(auditCheckpointHeads).where(eq(auditCheckpointHeads.checkpointSeq, seq));
      return { written: false, reason: 'unchanged', checkpoint: latest };
    }
    const content = { seq, createdAt: now.toISOString(), subjects, digest, prevMac: latest?.mac ?? null };
    const [row] = await tx
      .insert(auditCheckpoints)
      .values({ ...content, createdAt: now, mac: checkpointMac(content, ctx.keys.auditMac) })
      .returning();
    // Only the latest list of heads is needed to catch a chain going backwards; older checkpoints keep
    // their digest and signature.
    await tx.delete(auditCheckpointHeads).where(lt(auditCheckpointHeads.checkpointSeq, seq));
    return { written: true, checkpoint: row! };
  });
}

/**
 * The background job: a checkpoint every `intervalMs` (several processes share the database, the
 * interval is checked against the latest checkpoint). A refusal is thrown so the worker logs it on
 * every run until someone looks.
 */
export function checkpointJob(ctx: Pick<AppContext, 'db' | 'clock' | 'keys'>, intervalMs = CHECKPOINT_INTERVAL_MS): () => Promise<void> {
  let lastRun = -Infinity;
  return async () => {
    if (Date.now() - lastRun < intervalMs) return;
    lastRun = Date.now();
    const r = await writeCheckpoint(ctx, { minIntervalMs: intervalMs });
    if (!r.written && r.reason === 'lost_heads') {
      const list = r.lost.map((l) => `${l.subjectType} ${l.subjectId} #${l.seq}`).join(', ');
      throw new Error(`audit checkpoint refused: events signed by the latest checkpoint are gone (${list}); run \`npm run cli -- audit verify\``);
    }
  };
}
