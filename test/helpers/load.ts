import { expect } from 'vitest';

// Shared by the fault tests that run real server processes: clients that create tickets in a loop
// and remember every 201, and the check that each acknowledged ticket survived with its timeline.

export const TICKET_BODY = (customerId: string) =>
  JSON.stringify({ channel: 'api', requestType: 'repair', customerId, description: '故障测试：设备无法开机，电源指示灯不亮' });

export interface LoadOptions {
  /** Base URL of the server, read before each request (a test may point it at a restarted server). */
  url: () => string;
  token: string;
  customerId: string;
  clients: number;
  /** Called after each 201; the load stops once it returns true. */
  onAck?: (acknowledged: Map<string, string>) => boolean | void;
  /** Keep going after a refused connection (the server is being restarted) instead of stopping. */
  retryRefused?: boolean;
}

export interface Load {
  /** id → number of every ticket answered with 201. */
  acknowledged: Map<string, string>;
  /** Responses that were neither 201 nor a dropped connection, e.g. a 500 while the database was away. */
  failures: number[];
  stop(): Promise<void>;
  done: Promise<void>;
}

/** Starts `clients` loops creating tickets until stop() or onAck says so. */
export function startTicketLoad(opts: LoadOptions): Load {
  const acknowledged = new Map<string, string>();
  const failures: number[] = [];
  let stopped = false;
  const body = TICKET_BODY(opts.customerId);
  const loop = async () => {
    while (!stopped) {
      let res: Response;
      try {
        res = await fetch(`${opts.url()}/api/v1/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
          body,
        });
      } catch {
        if (!opts.retryRefused) return;
        // the server is gone or restarting: try again shortly rather than spinning on ECONNREFUSED
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const text = await res.text().catch(() => null);
      if (res.status !== 201 || text === null) {
        if (text !== null) failures.push(res.status);
        continue;
      }
      const t = JSON.parse(text) as { id: string; number: string };
      acknowledged.set(t.id, t.number);
      if (opts.onAck?.(acknowledged)) stopped = true;
    }
  };
  const done = Promise.all(Array.from({ length: opts.clients }, loop)).then(() => undefined);
  return {
    acknowledged,
    failures,
    done,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** Every acknowledged ticket is there, with its number and its timeline (the `created` event). */
export async function expectAcknowledgedPresent(url: string, token: string, acknowledged: Map<string, string>): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const ids = [...acknowledged.keys()];
  // a few at a time: thousands of sequential round trips would dominate the test's run time
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(
      ids.slice(i, i + 8).map(async (id) => {
        const number = acknowledged.get(id)!;
        const res = await fetch(`${url}/api/v1/tickets/${id}`, { headers: auth });
        expect(res.status, `ticket ${number} was acknowledged with 201`).toBe(200);
        expect(((await res.json()) as { number: string }).number).toBe(number);
        const events = await fetch(`${url}/api/v1/tickets/${id}/events`, { headers: auth });
        expect(events.status).toBe(200);
        const { items } = (await events.json()) as { items: { type: string }[] };
        expect(
          items.map((e) => e.type),
          `timeline of ${number}`,
        ).toContain('created');
      }),
    );
  }
}

/** Reads a Server-Sent Events stream in the background and collects the `ticket` events' data. */
export async function openLiveStream(
  url: string,
  token: string,
): Promise<{ events: { ticketId: string; kind: string }[]; close(): void; closed: Promise<void> }> {
  const ac = new AbortController();
  const res = await fetch(`${url}/api/v1/live`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: ac.signal });
  expect(res.status).toBe(200);
  const events: { ticketId: string; kind: string }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const closed = (async () => {
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let sep: number;
        while ((sep = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, sep);
          buf = buf.slice(sep + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: ticket')) continue;
          const data = lines.find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as { ticketId: string; kind: string });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { events, close: () => ac.abort(), closed };
}
