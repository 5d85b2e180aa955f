import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { notificationHandlers } from '../modules/notifications/notifications.service';
import { deliverOutbox, type OutboxHandler } from './outbox';

export interface Workers {
  /** Runs one delivery cycle now (tests call it instead of waiting). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export const outboxHandlers: Record<string, OutboxHandler> = { ...notificationHandlers };

/** Background work inside the server process; safe with several processes on one PostgreSQL. */
export function startWorkers(ctx: AppContext, app: FastifyInstance, opts: { intervalMs?: number; autoStart?: boolean } = {}): Workers {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const cycle = async () => {
    try {
      while ((await deliverOutbox(ctx, outboxHandlers)) > 0 && !stopped) {
        // keep draining while there is work
      }
    } catch (err) {
      app.log.error({ err }, 'outbox delivery failed');
    }
  };
  const timer =
    opts.autoStart === false
      ? null
      : setInterval(() => {
          running = running.then(cycle);
        }, opts.intervalMs ?? 1000);
  timer?.unref();
  return {
    runOnce: () => (running = running.then(cycle)),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
