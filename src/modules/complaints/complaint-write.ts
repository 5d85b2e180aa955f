import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor, type AppContext, type TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { complaints, type ComplaintRow } from './complaints.tables';

export interface ComplaintWrite {
  tx: Tx;
  inTx: TxContext;
  complaint: ComplaintRow;
  now: Date;
  actor: Actor;
  update(set: Partial<ComplaintRow>): Promise<ComplaintRow>;
  /** Appends a `complaint_*` event to the complaint's own chain. */
  event(type: string, data?: Record<string, unknown>, body?: string | null): Promise<void>;
}

export async function findComplaint(db: Pick<Tx, 'select'>, id: string): Promise<ComplaintRow> {
  const [row] = await db.select().from(complaints).where(eq(complaints.id, id));
  if (!row) throw notFound('complaint', id);
  return row;
}

/**
 * One complaint use case, one transaction, in the lock order (src/db/lock-order.ts): the complaint row
 * (step 1; a dispute belongs to it and is locked after it), its clocks (2), its chain (3), outbox (4).
 */
export async function writeComplaint<T>(ctx: AppContext, id: string, actor: Actor, fn: (w: ComplaintWrite) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const [complaint] = await tx.select().from(complaints).where(eq(complaints.id, id)).for('update');
    if (!complaint) throw notFound('complaint', id);
    const now = ctx.clock.now();
    const w: ComplaintWrite = {
      tx,
      inTx: txContext(ctx, tx),
      complaint,
      now,
      actor,
      async update(set) {
        const [after] = await tx
          .update(complaints)
          .set({ ...set, updatedAt: now, version: sql`${complaints.version} + 1` })
          .where(eq(complaints.id, id))
          .returning();
        w.complaint = after!;
        return after!;
      },
      async event(type, data = {}, body = null) {
        await appendEvent(tx, ctx, { subjectType: 'complaint', subjectId: id, type, actor, visibility: 'internal', body, data });
      },
    };
    return fn(w);
  });
}
