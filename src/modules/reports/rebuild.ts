import type { AppContext, TxContext } from '../../context';
import type { TopicPayload } from '../../jobs/catalogue';
import { enqueue, jobMessages } from '../../jobs/outbox';
import type { DbOrTx } from '../../db/client';
import { listEvents } from '../audit/audit.service';
import { ticketIdsAfter } from '../tickets/tickets.service';
import { refreshFactsOutsideWriters } from './facts-outside-writers';

const BATCH = 200;

/**
 * 重建 Rebuilds every ticket's fact row from the tickets, SLA, repairs and products modules' exported
 * reads: after installing the reports module on an existing database, or after a fix to how a figure
 * is counted. Queued as a durable job (one outbox message per batch), so it survives a restart and
 * never holds one long transaction; the version guard in refreshFactsOf keeps it from overwriting
 * a row a ticket writer refreshed meanwhile.
 */
export async function queueFactsRebuild(ctx: AppContext): Promise<{ jobId: number }> {
  const jobId = await enqueue(ctx.db, ctx.clock.now(), 'reports.rebuild_facts', { jobId: null, after: null, done: 0 });
  return { jobId };
}

export async function rebuildFactsBatch(ctx: TxContext, job: TopicPayload<'reports.rebuild_facts'>, message: { id: number }, size = BATCH): Promise<void> {
  const ids = await ticketIdsAfter(ctx.tx, job.after, size);
  await refreshFactsOutsideWriters(ctx, ids, {
    // The one fact a ticket row does not keep: whether it came back after resolution (its timeline does).
    reopened: async (id) => (await listEvents(ctx.tx, 'ticket', id, { includeInternal: true })).some((e) => e.type === 'reopened'),
    // History is not news: a rebuild raises no incidents.
    detect: false,
  });
  if (ids.length === size) {
    await enqueue(ctx.tx, ctx.clock.now(), 'reports.rebuild_facts', { jobId: job.jobId ?? message.id, after: ids.at(-1)!, done: job.done + ids.length });
  }
}

export interface RebuildProgress {
  jobId: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Tickets done so far (at least; the batch under way is not counted). */
  done: number;
  lastError: string | null;
}

export async function rebuildProgress(db: DbOrTx, jobId: number): Promise<RebuildProgress | null> {
  const rows = (await jobMessages(db, jobId)).filter((r) => r.topic === 'reports.rebuild_facts');
  if (!rows.length) return null;
  const stuck = rows.find((r) => !r.deliveredAt && r.gaveUp);
  const pending = rows.some((r) => !r.deliveredAt);
  const done = Math.max(...rows.map((r) => (r.payload as { done: number }).done));
  return {
    jobId,
    status: stuck ? 'failed' : pending ? (done > 0 ? 'running' : 'queued') : 'done',
    done,
    lastError: stuck?.lastError ?? null,
  };
}
