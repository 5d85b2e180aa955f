import pg from 'pg';

/** Where the database layer reports connection trouble (the server hands it its pino logger). */
export interface DbLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLogger: DbLogger = { info: () => undefined, warn: () => undefined };

export interface PgListener {
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  setLogger(log: DbLogger): void;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

/**
 * One dedicated connection for LISTEN (outside the pool, so it never takes a request's slot).
 * PostgreSQL restarts, fail-overs, idle-session killers and pg_terminate_backend all end it; an
 * `error` event without a listener would end the whole process. Instead the connection is opened
 * again with capped exponential backoff (250 ms doubling to 5 s) and every channel is LISTENed
 * again, so subscribers keep their callbacks. NOTIFYs sent while it was down are lost — live
 * updates are hints; durable side effects go through the outbox.
 */
export function createPgListener(url: string): PgListener {
  const channels = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;
  let closed = false;
  let log = silentLogger;

  const lost = (c: pg.Client, err?: Error) => {
    if (c !== client) return; // an old connection's late events
    client = null;
    c.end().catch(() => undefined);
    log.warn({ err: err ? { code: (err as { code?: string }).code, message: err.message } : undefined }, 'database: LISTEN connection lost, reconnecting');
    scheduleReconnect();
  };

  const open = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    // Stays attached for the client's whole life: a dead connection may emit more than once.
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      for (const handler of channels.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    try {
      await c.connect();
      for (const channel of channels.keys()) await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
    } catch (err) {
      c.end().catch(() => undefined);
      throw err;
    }
    return c;
  };

  const ensure = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= open().then(
      (c) => {
        connecting = null;
        if (closed) {
          c.end().catch(() => undefined);
          throw new Error('database closed');
        }
        client = c;
        if (failures > 0) log.info({ attempts: failures }, 'database: LISTEN connection restored');
        failures = 0;
        return c;
      },
      (err: unknown) => {
        connecting = null;
        throw err;
      },
    );
    return connecting;
  };

  function scheduleReconnect() {
    if (closed || retry || channels.size === 0) return;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** failures, MAX_RETRY_MS);
    failures++;
    retry = setTimeout(() => {
      retry = null;
      ensure().catch((err: unknown) => {
        log.warn({ err: { code: (err as { code?: string }).code, message: (err as Error).message }, attempt: failures }, 'database: LISTEN reconnect failed');
        scheduleReconnect();
      });
    }, delay);
    retry.unref();
  }

  return {
    setLogger(l) {
      log = l;
    },
    async listen(channel, onMessage) {
      if (closed) throw new Error('database closed');
      let handlers = channels.get(channel);
      const first = !handlers;
      if (!handlers) channels.set(channel, (handlers = new Set()));
      handlers.add(onMessage);
      const forget = () => {
        handlers.delete(onMessage);
        if (handlers.size === 0 && channels.get(channel) === handlers) channels.delete(channel);
      };
      let c: pg.Client;
      try {
        c = await ensure();
      } catch (err) {
        // The first LISTEN fails like any query when the database is unreachable; the caller retries.
        forget();
        throw err;
      }
      if (first) {
        try {
          await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
        } catch (err) {
          // Lost meanwhile: the reconnect LISTENs every registered channel, this one included.
          if (c === client) {
            forget();
            throw err;
          }
        }
      }
      return async () => {
        forget();
        if (channels.has(channel) || !client) return;
        const current = client;
        await current.query(`UNLISTEN ${current.escapeIdentifier(channel)}`).catch(() => undefined);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      const c = client ?? (await connecting?.catch(() => null)) ?? null;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
