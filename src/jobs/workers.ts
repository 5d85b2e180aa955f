import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { notificationHandlers } from '../modules/notifications/notifications.service';
import { detectBreaches, detectWarnings } from '../modules/sla/breach.service';
import { deliverOutbox, type OutboxHandler } from './outbox';

export interface Workers {
  /** Runs one cycle now (tests call it instead of waiting). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export const outboxHandlers: Record<string, OutboxHandler> = { ...notificationHandlers };

/**
 * Background work inside the server process: SLA breach and warning detection, then outbox delivery.
 * Every step claims rows with FOR UPDATE SKIP LOCKED, so several processes on one PostgreSQL share
 * the work and never do it twice. One cycle at a time; the next starts `intervalMs` after the last
 * ends, so a breach is recorded within about that long after its deadline.
 */
export function startWorkers(ctx: AppContext, app: FastifyInstance, opts: { intervalMs?: number; autoStart?: boolean } = {}): Workers {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const cycle = async () => {
    try {
      while (!stopped && (await detectBreaches(ctx)) > 0) {
        // a backlog (e.g. after downtime) drains in batches
      }
      while (!stopped && (await detectWarnings(ctx)) > 0) {
        // idem
      }
      while (!stopped && (await deliverOutbox(ctx, outboxHandlers)) > 0) {
        // keep draining while there is work
      }
    } catch (err) {
      app.log.error({ err }, 'background cycle failed');
    }
  };
  const run = () => (current = current.then(cycle));
  const schedule = () => {
    if (stopped || opts.autoStart === false) return;
    timer = setTimeout(() => void run().then(schedule), opts.intervalMs ?? 500);
    timer.unref();
  };
  schedule();
  return {
    runOnce: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
