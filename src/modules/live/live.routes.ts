import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { authenticate, currentUser } from '../../http/auth';
import { rawResponse } from '../../http/contract';
import type { LiveEvent } from '../tickets/live';
import { createLiveHub } from './live.hub';

export interface LiveRoutesOptions {
  /** Comment line sent this often so proxies keep the connection and clients notice a dead server. */
  heartbeatMs?: number;
  /**
   * How often an idle stream re-checks that its session (or API token) is still valid and its user
   * active. Every event is checked before it is sent as well; this catches quiet streams.
   */
  sessionCheckMs?: number;
}

/**
 * GET /api/v1/live — Server-Sent Events with ticket changes (`event: ticket`, data = LiveEvent).
 * Open screens use it to refetch what changed instead of polling.
 */
export function liveRoutes(ctx: AppContext, opts: LiveRoutesOptions = {}): FastifyPluginAsyncZod {
  const heartbeatMs = opts.heartbeatMs ?? 25_000;
  const sessionCheckMs = opts.sessionCheckMs ?? 20_000;
  return async (app) => {
    const hub = createLiveHub(ctx.database);
    const open = new Set<() => void>();
    // End the streams before the server stops accepting, or close() would wait for them forever.
    app.addHook('preClose', async () => {
      for (const end of [...open]) end();
    });
    app.addHook('onClose', async () => {
      await hub.close();
    });

    app.get(
      '/live',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'streamLiveEvents',
          tags: ['live'],
          summary: 'Server-Sent Events: ticket.created / ticket.updated',
          description:
            'text/event-stream; each message is `event: ticket` with a JSON LiveEvent { kind, ticketId, number, status, ownerId, eventType? }. A comment line is sent as heartbeat.',
          response: { 200: rawResponse('An endless event stream (`event: ticket`, `data:` a JSON LiveEvent)', 'text/event-stream') },
        },
      },
      async (req, reply) => {
        const res = reply.raw;
        reply.hijack();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        // Tell EventSource to reconnect after 3 s if the connection drops.
        res.write(`retry: 3000\n: connected ${req.id}\n\n`);

        let ended = false;
        let unsubscribe: (() => void) | null = null;
        // A stream outlives the request that authenticated it: log-out, deactivation, a revoked or
        // expired token must end it, here or in another process. The auth cache makes the
        // per-event check cheap (and log-out and deactivation clear it).
        const userId = currentUser(req).id;
        // 'unknown' when the database cannot answer (restart, failover): the stream stays open, since
        // closing it would make the browser's EventSource give up for good, but no event goes out
        // unchecked; the next check decides.
        const sessionState = async (): Promise<'valid' | 'ended' | 'unknown'> => {
          try {
            return (await authenticate(ctx, req))?.id === userId ? 'valid' : 'ended';
          } catch {
            return 'unknown';
          }
        };
        // Events go out in order, each after its own check.
        let queue = Promise.resolve();
        const send = (event: LiveEvent) => {
          queue = queue.then(async () => {
            if (ended) return;
            const state = await sessionState();
            if (state === 'ended') return end();
            if (state === 'valid' && !ended) res.write(`event: ticket\ndata: ${JSON.stringify(event)}\n\n`);
          });
        };
        const heartbeat = setInterval(() => {
          if (!ended) res.write(`: ping ${Date.now()}\n\n`);
        }, heartbeatMs);
        heartbeat.unref();
        const recheck = setInterval(() => {
          queue = queue.then(async () => {
            if (!ended && (await sessionState()) === 'ended') end();
          });
        }, sessionCheckMs);
        recheck.unref();

        const end = () => {
          if (ended) return;
          ended = true;
          clearInterval(heartbeat);
          clearInterval(recheck);
          unsubscribe?.();
          open.delete(end);
          if (!res.writableEnded) res.end();
        };
        open.add(end);
        req.raw.on('close', end);
        res.on('error', end);

        try {
          const unsub = await hub.subscribe(send);
          if (ended) unsub();
          else {
            unsubscribe = unsub;
            // From here on every committed change reaches this stream (clients and tests may wait for it).
            res.write(': subscribed\n\n');
          }
        } catch (err) {
          req.log.error({ err }, 'live: LISTEN failed');
          end();
        }
      },
    );
  };
}
