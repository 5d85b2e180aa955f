import type { Actor, AppContext, TxContext } from '../../context';
import type { Database, Db } from '../../db/client';
import type { OutboxRegistry } from '../../jobs/outbox';
import { AppError } from '../../domain/shared/errors';
import { applyTeamMode } from './dispatch.service';

/** Who dispatches by the team's rules: the system, named so on the timeline. */
export const RULES_ACTOR: Actor = { id: null, name: '自动派单', role: 'system' };

/**
 * The use cases take an AppContext and open their own transaction; inside the delivery transaction
 * that transaction becomes a savepoint of it (drizzle nests), so the dispatch commits or rolls back
 * with the message it answers.
 */
function inDelivery(ctx: TxContext): AppContext {
  const { tx, cacheScope, ...rest } = ctx;
  return { ...rest, db: tx as unknown as Db, database: cacheScope as Database };
}

/**
 * The dispatch module's part of the composition root (src/composition.ts): a new repair order gets
 * its team's dispatch mode (自动派单 to the best eligible engineer, 抢单 to the pool). A conflict
 * means a person dispatched it first — theirs stands.
 */
export function registerDispatch(modules: { outbox: OutboxRegistry }): void {
  modules.outbox.handle('repair.opened', 'dispatch', async (ctx, p) => {
    if (p.mode !== 'field') return;
    try {
      await applyTeamMode(inDelivery(ctx), p.repairId, RULES_ACTOR);
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') return;
      throw e;
    }
  });
}
