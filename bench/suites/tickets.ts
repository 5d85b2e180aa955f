import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { prepareDatabase, type DbKind } from '../lib/databases';
import { loginAndToken } from '../lib/http';
import { commandCpuSeconds, processCpuSeconds, runLoad, totalCpuSeconds } from '../lib/load';
import { postgresLimit } from '../lib/pgbench';
import { ROOT, spawnServer } from '../lib/server';
import type { BenchSuite, SuiteContext, SuiteResult } from '../lib/suite';

// Ticket creation (受理) through the HTTP API: POST /api/v1/tickets with a Bearer token, as an
// integration would send it. Each request is one transaction: ticket row, 'created' timeline event
// (hash-chained), outbox row, NOTIFY, and a number from the day's sequence.
const ADMIN_PASSWORD = 'bench-admin-password-1';
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

const suite: BenchSuite = {
  name: 'tickets',
  description: 'ticket creations/s and latency via POST /api/v1/tickets',
  dbs: ['pglite', 'postgres'],
  async run(kind: DbKind, ctx: SuiteContext): Promise<SuiteResult> {
    const startedAt = new Date().toISOString();
    const db = await prepareDatabase(kind, 'tickets');
    const notes: string[] = [];
    const profile = process.env.BENCH_PROFILE === '1';
    const profileDir = join(ROOT, 'bench', 'profiles');
    if (profile) mkdirSync(profileDir, { recursive: true });
    const workers = kind === 'postgres' ? Number(process.env.SHOUHOU_WORKERS ?? 1) : 1;
    try {
      const database = await db.serverVersion();
      ctx.log(`  ${database}${db.databaseUrl ? ` (database ${new URL(db.databaseUrl).pathname.slice(1)})` : ` in ${db.dataDir}`}; starting server…`);
      const t0 = Date.now();
      const server = await spawnServer({
        env: { ...db.env, SHOUHOU_DEMO: '0', LOG_LEVEL: 'silent', SHOUHOU_ADMIN_PASSWORD: ADMIN_PASSWORD, SHOUHOU_WORKERS: String(workers || 1) },
        // A profile names each source file only when the server runs from src/.
        fromSource: profile,
        nodeArgs: profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
      });
      ctx.log(`  server ready on ${server.url} in ${Date.now() - t0} ms (pid ${server.child.pid})`);
      const acknowledged: string[] = [];
      let warm,
        main,
        serverCpu: number | null = null,
        machineBusy: number | null = null,
        loadGenCpu: number | null = null,
        postgresCpu: number | null = null;
      try {
        const { client, token } = await loginAndToken(server.url, ADMIN_PASSWORD, 'agent');
        const customer = await client.call<{ id: string }>(
          'POST',
          '/customers',
          {
            name: '压测电子有限公司',
            contacts: [{ name: '王工', phone: '13800138000', email: 'wang@example.com', address: '上海市浦东新区张江路 88 号' }],
          },
          201,
        );
        const body = JSON.stringify({
          channel: 'api',
          requestType: 'repair',
          customerId: customer.id,
          description: '设备开机后电源指示灯不亮，电源模块有异响，客户已尝试更换插座和重新插拔电源线，问题依旧。',
        });
        const onResponse = (status: number, text: string) => {
          if (status === 201) acknowledged.push((JSON.parse(text) as { number: string }).number);
        };
        const load = {
          onResponse,
          url: `${server.url}/api/v1/tickets`,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
          connections: ctx.connections,
        };
        ctx.log(`  warm-up ${WARMUP_SECONDS} s at ${ctx.connections} connections…`);
        warm = await runLoad({ ...load, seconds: WARMUP_SECONDS });
        ctx.log(`  measuring ${ctx.seconds} s at ${ctx.connections} connections…`);
        const cpu0 = processCpuSeconds(server.child.pid!);
        const all0 = totalCpuSeconds();
        const pg0 = kind === 'postgres' ? commandCpuSeconds('postgres') : 0;
        const self0 = process.cpuUsage();
        main = await runLoad({
          ...load,
          seconds: ctx.seconds,
          onTick: (n, s) => {
            if (s % 3 === 0 || s === ctx.seconds) ctx.log(`    ${String(s).padStart(3)} s  ${n.toLocaleString('en-US')} responses/s`);
          },
        });
        const cpu1 = processCpuSeconds(server.child.pid!);
        const all1 = totalCpuSeconds();
        const self1 = process.cpuUsage(self0);
        loadGenCpu = (self1.user + self1.system) / 1e6 / main.durationSeconds;
        if (kind === 'postgres') postgresCpu = (commandCpuSeconds('postgres') - pg0) / main.durationSeconds;
        if (cpu0 !== null && cpu1 !== null) serverCpu = (cpu1 - cpu0) / main.durationSeconds;
        if (all0 && all1) machineBusy = (all1.busy - all0.busy) / (all1.total - all0.total);
      } finally {
        const code = await server.stop();
        if (code !== 0) notes.push(`server exited with ${code} on SIGTERM`);
      }

      // Every 201 the clients received must be a ticket in the database (no acknowledged write lost)
      // and the numbers must be unique. A few more tickets than 201s is expected: requests in flight
      // when the load stopped were committed but their responses were not counted.
      const [c] = await db.query<{ tickets: number; numbers: number; events: number; outbox: number; undelivered: number; found: number }>(
        `select (select count(*)::int from tickets) as tickets,
                (select count(*)::int from outbox where topic = 'ticket.created' and delivered_at is null) as undelivered,
                (select count(distinct number)::int from tickets) as numbers,
                (select count(*)::int from events where subject_type = 'ticket' and type = 'created') as events,
                (select count(*)::int from outbox where topic = 'ticket.created') as outbox,
                (select count(*)::int from tickets where number = any($1::text[])) as found`,
        [acknowledged],
      );
      const distinctAcknowledged = new Set(acknowledged).size;
      const checks = {
        everyAcknowledgedTicketStored: c!.found === distinctAcknowledged && distinctAcknowledged === acknowledged.length,
        numbersUnique: c!.numbers === c!.tickets,
        oneCreatedEventPerTicket: c!.events === c!.tickets,
        oneOutboxRowPerTicket: c!.outbox === c!.tickets,
        // in flight at the end of warm-up and of the run, plus requests the client gave up on (timeouts)
        unacknowledgedAtMostInFlight: c!.tickets - acknowledged.length <= 2 * ctx.connections + warm!.timeouts + warm!.errors + main!.timeouts + main!.errors,
      };
      // Correctness only; errors and timeouts are reported as a metric (an overloaded machine times out).
      const ok = Object.values(checks).every(Boolean);
      ctx.log(
        `  verified: ${acknowledged.length} acknowledged (201) numbers, ${c!.found} of them in the database → ${checks.everyAcknowledgedTicketStored ? 'none lost' : 'LOST WRITES'}; ` +
          `${c!.tickets} tickets in all (${c!.tickets - acknowledged.length} were in flight at stop)`,
      );
      // Creation is only sustainable if the background delivery of each ticket's outbox message (report
      // facts, notices, webhooks) keeps up; a growing backlog at stop means the rate is borrowed.
      ctx.log(`  outbox: ${c!.undelivered} of ${c!.tickets} ticket.created messages still undelivered when the server stopped`);
      notes.push(`outbox backlog at stop: ${c!.undelivered} of ${c!.tickets} ticket.created messages undelivered`);
      const created = main.byStatus['201'] ?? 0;
      const rate = created / main.durationSeconds;
      if (main.non2xx) notes.push(`non-2xx responses: ${JSON.stringify(main.byStatus)}`);
      // Where the machine's CPU went, in cores and in CPU-milliseconds per created ticket: on a
      // 2-core box the server, PostgreSQL and the load generator compete for the same cores.
      const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
      const perTicket = (cores: number | null) => (cores === null || rate === 0 ? null : Math.round((cores / rate) * 1e5) / 100);
      const cpu = {
        serverCores: r2(serverCpu),
        postgresCores: r2(postgresCpu),
        loadGeneratorCores: r2(loadGenCpu),
        machineBusyCores: machineBusy === null ? null : r2(machineBusy * ctx.machine.nproc),
        serverMsPerTicket: perTicket(serverCpu),
        postgresMsPerTicket: perTicket(postgresCpu),
      };
      // Other engineers' test runs on a shared machine show up here: compare runs with little of it.
      const other = machineBusy === null || serverCpu === null ? null : machineBusy * ctx.machine.nproc - serverCpu - (postgresCpu ?? 0) - (loadGenCpu ?? 0);
      Object.assign(cpu, { otherProcessesCores: r2(other) });
      if (serverCpu !== null) {
        notes.push(
          `CPU (cores of ${ctx.machine.nproc}): server ${cpu.serverCores}, ${kind === 'postgres' ? `PostgreSQL ${cpu.postgresCores}, ` : ''}load generator ${cpu.loadGeneratorCores}, other processes ${r2(other)}; ` +
            `per ticket: server ${cpu.serverMsPerTicket} ms${kind === 'postgres' ? `, PostgreSQL ${cpu.postgresMsPerTicket} ms` : ''}`,
        );
      }
      // The same write set run by pgbench on the same database: how close the server comes to
      // PostgreSQL's own limit on this machine (issue 10 asks for at least half of it).
      let limit: { perSecond: number | null; note: string } | null = null;
      if (kind === 'postgres' && db.databaseUrl) {
        ctx.log(`  PostgreSQL's own limit: pgbench with the same statements, ${ctx.seconds} s…`);
        limit = postgresLimit(db.databaseUrl, { seconds: ctx.seconds, clients: ctx.connections });
        const ratio = limit.perSecond ? Math.round((rate / limit.perSecond) * 100) / 100 : null;
        notes.push(
          limit.perSecond ? `PostgreSQL's own limit for this write set: ${limit.perSecond} /s (${limit.note}); the server reaches ${ratio} of it` : limit.note,
        );
      }
      return {
        suite: 'tickets',
        db: kind,
        database,
        startedAt,
        ok,
        metrics: {
          // Issue 10: ≥ 1,000 /s with p99 ≤ 50 ms on PostgreSQL; the embedded default ≥ 300 /s, p99 ≤ 200 ms.
          creationsPerSecond: { value: Math.round(rate), unit: '/s', target: { op: '>=' as const, value: kind === 'postgres' ? 1000 : 300 } },
          p50: { value: main.latencyMs.p50, unit: 'ms' },
          p99: { value: main.latencyMs.p99, unit: 'ms', target: { op: '<=' as const, value: kind === 'postgres' ? 50 : 200 } },
          errors: { value: main.errors + main.timeouts + main.non2xx, unit: '' },
          ...(limit?.perSecond
            ? {
                postgresLimitPerSecond: { value: limit.perSecond, unit: '/s' },
                shareOfPostgresLimit: { value: Math.round((rate / limit.perSecond) * 100) / 100, unit: '', target: { op: '>=' as const, value: 0.5 } },
              }
            : {}),
        },
        details: {
          connections: ctx.connections,
          seconds: main.durationSeconds,
          warmupSeconds: WARMUP_SECONDS,
          workers,
          poolSize: kind === 'postgres' ? Number(process.env.DATABASE_POOL_SIZE ?? 16) : null,
          loadAverageBefore: loadavg()[0],
          created,
          byStatus: main.byStatus,
          socketErrors: main.errors,
          timeouts: main.timeouts,
          latencyMs: main.latencyMs,
          cpu,
          outboxUndeliveredAtStop: c!.undelivered,
          verification: { acknowledged201: acknowledged.length, ticketsInDatabase: c!.tickets, acknowledgedFound: c!.found, ...checks },
        },
        notes,
      };
    } finally {
      await db.dispose();
    }
  },
};

export default suite;
