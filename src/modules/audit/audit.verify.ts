import { asc, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { Tx } from '../../db/client';
import { verifyChain, type ChainBreakReason } from '../../domain/audit/chain';
import { checkCheckpoints, lostSinceCheckpoint, writeCheckpoint } from './audit.checkpoint';
import { events } from './audit.tables';
import { differingFields, type Replayers } from './replay';
import { subjectReplayers } from './replayers';

export type ProblemReason =
  | ChainBreakReason
  /** The chain has events but no head row. */
  | 'head_missing'
  /** The head row and the chain's newest event disagree (newest events deleted, or the head edited). */
  | 'head_mismatch'
  /** A head row whose events are all gone. */
  | 'events_missing'
  /** An event the latest signed checkpoint recorded as a chain's head is gone. */
  | 'lost_since_checkpoint'
  | 'checkpoint_invalid'
  /** The subject's row differs from what its events say. */
  | 'row_mismatch'
  | 'row_missing'
  | 'row_without_events';

export interface AuditProblem {
  subjectType?: string;
  subjectId?: string;
  seq?: number;
  reason: ProblemReason;
  detail?: string;
}

export interface VerifyReport {
  /** Chains (subjects with events) and events read. */
  subjects: number;
  events: number;
  firstBreak: AuditProblem | null;
  /** The first MAX_PROBLEMS problems; problemCount counts them all. */
  problems: AuditProblem[];
  problemCount: number;
  /** The latest signed checkpoint after this run (a new one is written when everything holds). */
  checkpoint: { seq: number; createdAt: Date; subjects: number; mac: string } | null;
}

const PAGE = 2000;
const BATCH = 200;
const MAX_PROBLEMS = 100;

type Row = typeof events.$inferSelect;
type Chain = { subjectType: string; subjectId: string; rows: Row[] };

/**
 * Checks every chain link by link, every chain against its head row, the latest signed checkpoint
 * against the chains, and each subject row that has a replayer against the replay of its events.
 * Reads one snapshot (a read-only repeatable-read transaction), so a running server's writes cannot
 * show up as false breaks; streams events page by page, so memory stays flat.
 */
export async function verifyAuditTrail(
  ctx: AppContext,
  opts: { onProgress?: (doneSubjects: number) => void; replayers?: Replayers; writeCheckpoint?: boolean } = {},
): Promise<VerifyReport> {
  const replayers = opts.replayers ?? subjectReplayers;
  const report = await ctx.db.transaction((tx) => scan(tx, ctx, replayers, opts.onProgress), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  if (report.problemCount === 0 && opts.writeCheckpoint !== false) {
    const r = await writeCheckpoint(ctx);
    if ('checkpoint' in r) report.checkpoint = pickCheckpoint(r.checkpoint);
  }
  return report;
}

function pickCheckpoint(c: { seq: number; createdAt: Date; subjects: number; mac: string }) {
  return { seq: c.seq, createdAt: c.createdAt, subjects: c.subjects, mac: c.mac };
}

async function scan(tx: Tx, ctx: AppContext, replayers: Replayers, onProgress?: (done: number) => void): Promise<VerifyReport> {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const withEvents = new Map<string, Set<string>>(Object.keys(replayers).map((t) => [t, new Set<string>()]));
  let subjects = 0;
  let eventCount = 0;
  let pending: Chain[] = [];

  const flush = async () => {
    await checkHeads(tx, pending, report);
    await checkRows(tx, pending, replayers, report);
    pending = [];
    onProgress?.(subjects);
  };
  const finish = async (c: Chain) => {
    subjects++;
    withEvents.get(c.subjectType)?.add(c.subjectId);
    const broken = verifyChain(
      c.rows.map((r) => ({ ...r, at: r.at.toISOString(), data: r.data ?? null })),
      ctx.keys.auditMac,
    );
    if (broken) report({ subjectType: c.subjectType, subjectId: c.subjectId, ...broken });
    pending.push(c);
    if (pending.length >= BATCH) await flush();
  };

  let current: Chain | null = null;
  let after: Row | null = null;
  for (;;) {
    const page: Row[] = await tx
      .select()
      .from(events)
      .where(
        after ? sql`(${events.subjectType}, ${events.subjectId}, ${events.seq}) > (${after.subjectType}, ${after.subjectId}::uuid, ${after.seq})` : undefined,
      )
      .orderBy(asc(events.subjectType), asc(events.subjectId), asc(events.seq))
      .limit(PAGE);
    for (const row of page) {
      if (current && (current.subjectType !== row.subjectType || current.subjectId !== row.subjectId)) await finish(current);
      if (!current || current.subjectType !== row.subjectType || current.subjectId !== row.subjectId)
        current = { subjectType: row.subjectType, subjectId: row.subjectId, rows: [] };
      current.rows.push(row);
    }
    eventCount += page.length;
    if (page.length < PAGE) break;
    after = page.at(-1)!;
  }
  if (current) await finish(current);
  await flush();

  const orphans = await tx.execute<{ subject_type: string; subject_id: string; seq: number }>(sql`
    select h.subject_type, h.subject_id, h.seq from chain_heads h
     where h.seq > 0 and not exists (select 1 from events e where e.subject_type = h.subject_type and e.subject_id = h.subject_id)
     order by 1, 2 limit ${MAX_PROBLEMS}`);
  for (const h of orphans.rows)
    report({
      subjectType: h.subject_type,
      subjectId: h.subject_id,
      seq: Number(h.seq),
      reason: 'events_missing',
      detail: `head says #${h.seq}, no events left`,
    });

  for (const [type, replayer] of Object.entries(replayers)) {
    for (const id of await replayer.listIds(tx)) {
      if (!withEvents.get(type)!.has(id))
        report({ subjectType: type, subjectId: id, reason: 'row_without_events', detail: 'the row exists but its timeline is empty' });
    }
  }

  const { latest, problems: cpProblems } = await checkCheckpoints(tx, ctx.keys.auditMac);
  for (const p of cpProblems) report({ reason: 'checkpoint_invalid', detail: `checkpoint #${p.seq}: ${p.detail}` });
  if (latest) {
    for (const l of await lostSinceCheckpoint(tx, latest.seq, MAX_PROBLEMS)) {
      report({ ...l, reason: 'lost_since_checkpoint', detail: `checkpoint #${latest.seq} signed event #${l.seq} as this chain's head` });
    }
  }
  return { subjects, events: eventCount, firstBreak: problems[0] ?? null, problems, problemCount, checkpoint: latest ? pickCheckpoint(latest) : null };
}

async function checkHeads(tx: Tx, chains: Chain[], report: (p: AuditProblem) => void) {
  if (!chains.length) return;
  const keys = chains.map((c) => ({ t: c.subjectType, id: c.subjectId }));
  const r = await tx.execute<{ subject_type: string; subject_id: string; seq: number; hash: string }>(sql`
    select h.subject_type, h.subject_id, h.seq, h.hash
      from chain_heads h join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(t text, id uuid) on h.subject_type = k.t and h.subject_id = k.id`);
  const heads = new Map(r.rows.map((h) => [`${h.subject_type}:${h.subject_id}`, { seq: Number(h.seq), hash: h.hash }]));
  for (const c of chains) {
    const last = c.rows.at(-1)!;
    const head = heads.get(`${c.subjectType}:${c.subjectId}`);
    const at = { subjectType: c.subjectType, subjectId: c.subjectId, seq: last.seq };
    if (!head) report({ ...at, reason: 'head_missing', detail: `the chain ends at #${last.seq} but has no head` });
    else if (head.seq !== last.seq || head.hash !== last.hash) {
      report({
        ...at,
        reason: 'head_mismatch',
        detail: `head says #${head.seq}, the chain ends at #${last.seq}${head.seq === last.seq ? ' with another hash' : ''}`,
      });
    }
  }
}

async function checkRows(tx: Tx, chains: Chain[], replayers: Replayers, report: (p: AuditProblem) => void) {
  const byType = new Map<string, Chain[]>();
  for (const c of chains) {
    if (!replayers[c.subjectType]) continue;
    const list = byType.get(c.subjectType) ?? [];
    list.push(c);
    byType.set(c.subjectType, list);
  }
  for (const [type, list] of byType) {
    const replayer = replayers[type]!;
    const stored = await replayer.load(
      tx,
      list.map((c) => c.subjectId),
    );
    for (const c of list) {
      const at = { subjectType: type, subjectId: c.subjectId, seq: c.rows.at(-1)!.seq };
      const row = stored.get(c.subjectId);
      if (!row) {
        report({ ...at, reason: 'row_missing', detail: 'events exist but the row is gone' });
        continue;
      }
      const expected = replayer.replay(c.rows.map((r) => ({ seq: r.seq, type: r.type, data: r.data ?? null })));
      const fields = differingFields(row, expected);
      if (fields.length) {
        const detail = fields.map((f) => `${f}: row has ${JSON.stringify(row[f] ?? null)}, events say ${JSON.stringify(expected[f] ?? null)}`).join('; ');
        report({ ...at, reason: 'row_mismatch', detail });
      }
    }
  }
}
