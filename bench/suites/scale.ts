import { spawn } from 'node:child_process';
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, type Database } from '../../src/db/client';
import { formatPhone } from '../../src/domain/customer/phone';
import { keyringFromMaster } from '../../src/security/keyring';
import { postgresBaseUrl, type DbKind } from '../lib/databases';
import { loginAndToken } from '../lib/http';
import { waitForQuiet } from '../lib/machine';
import { dashboardPaths, dashboardPeriods, probe, probePage, queuePath, type ProbeResult } from '../lib/scale-probe';
import { nodeArgsFor, ROOT, spawnServer } from '../lib/server';
import type { BenchSuite, Metric, RunTarget, SuiteContext, SuiteResult } from '../lib/suite';

// A company's history at scale (issue 10): SCALE_TICKETS (default 1,000,000 on PostgreSQL, 100,000
// on PGlite: SCALE_TICKETS_PGLITE) realistic tickets made by `npm run cli -- generate` in a database
// kept between runs (PostgreSQL: shouhou_bench_scale; PGlite: a directory under the temp dir), reused
// when it already holds that many tickets, since generating a million takes a while. Then the real
// server starts on it and every row of the issue's table is measured through the HTTP API, one
// request after another as one person clicks, with the web app's own query parameters
// (web/src/features/tickets/QueuePage.tsx: tab filters, sort=-createdAt, 50 a page).
// SCALE_SAMPLES (default 60; the dashboard's rows SCALE_DASHBOARD_SAMPLES, default 20) requests per row
// after 2 warm-up requests: with 20, a row's p95 was its second-worst request and moved 2× between runs.

const ADMIN_PASSWORD = 'bench-admin-password-1';
/** The bench database's key: bench data only, fixed so a kept database can be reused. */
const KEY_HEX = Buffer.from('scale-bench-key-not-a-secret---!').toString('hex');
const SETTINGS = [
  'server_version',
  'shared_buffers',
  'work_mem',
  'effective_cache_size',
  'maintenance_work_mem',
  'random_page_cost',
  'max_parallel_workers_per_gather',
  'jit',
  'autovacuum',
  'autovacuum_max_workers',
  'autovacuum_naptime',
  'autovacuum_vacuum_scale_factor',
  'autovacuum_vacuum_insert_scale_factor',
  'autovacuum_analyze_scale_factor',
  'autovacuum_vacuum_cost_limit',
  'autovacuum_vacuum_cost_delay',
  'gin_pending_list_limit',
];

const envInt = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]!.replaceAll('_', '')) : dflt);

interface Place {
  env: Record<string, string>;
  label: string;
  open(): Promise<Database>;
  /** Empties the place (a kept database with another count is made again). */
  reset(): Promise<void>;
}

function place(kind: DbKind, n: number): Place {
  const dataDir = join(tmpdir(), `shouhou-bench-scale-${kind}${kind === 'pglite' ? `-${n}` : ''}`);
  mkdirSync(dataDir, { recursive: true });
  const env = { SHOUHOU_DATA_DIR: dataDir, SHOUHOU_ENCRYPTION_KEY: KEY_HEX };
  if (kind === 'pglite') {
    return {
      env: { ...env, DATABASE_URL: '' },
      label: `PGlite in ${dataDir}`,
      open: () => openPglite(join(dataDir, 'pglite')),
      reset: async () => {
        execSync(`rm -rf ${JSON.stringify(join(dataDir, 'pglite'))}`);
      },
    };
  }
  const name = process.env.SCALE_DATABASE ?? 'shouhou_bench_scale';
  const url = new URL(postgresBaseUrl());
  url.pathname = `/${name}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: postgresBaseUrl() });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  return {
    env: { ...env, DATABASE_URL: url.toString() },
    label: `database ${name}`,
    async open() {
      const exists = new pg.Client({ connectionString: postgresBaseUrl() });
      await exists.connect();
      const r = await exists.query('select 1 from pg_database where datname = $1', [name]);
      await exists.end();
      if (!r.rowCount) await admin(`create database ${name}`);
      const { openPostgres } = await import('../../src/db/client');
      return openPostgres(url.toString(), 2);
    },
    async reset() {
      await admin(`drop database if exists ${name} with (force)`);
      await admin(`create database ${name}`);
    },
  };
}

async function ticketCount(db: Database): Promise<number> {
  try {
    return Number((await db.exec('select count(*)::int as n from tickets')).rows[0]!.n);
  } catch {
    return 0; // not migrated yet
  }
}

/** `npm run cli -- generate` in a child process, its progress on the console. */
function generate(env: Record<string, string>, n: number, log: (m: string) => void): Promise<number> {
  const t0 = Date.now();
  return new Promise((ok, fail) => {
    // Several processes share the tickets on PostgreSQL (Node's story-writing is the slower half).
    const parallel = env.DATABASE_URL ? String(envInt('SCALE_PARALLEL', 3)) : '1';
    const child = spawn(process.execPath, [...nodeArgsFor('cli'), 'generate', '--tickets', String(n), '--parallel', parallel], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const onData = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4000);
      for (const line of d.toString().split('\n')) if (line.trim()) log(`    ${line.trim()}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => (code === 0 ? ok((Date.now() - t0) / 1000) : fail(new Error(`generate exited ${code}:\n${tail}`))));
  });
}

interface Samples {
  number: string;
  ids: string[];
  serial: string;
  customerFragment: string;
  phone: string | null;
  phoneFragment: string;
  /** The newest ticket's receipt (the dashboard's periods end before its month) and the commonest product category. */
  lastReceivedAt: Date;
  category: string;
  /** Fact rows (one per ticket when the generator wrote them). */
  facts: number;
}

/** Real values to search for, read before the server starts (PGlite allows one process at a time). */
// An API that caps offsets (keyset paging instead) refuses page 200 by offset: a design, not a failure.
const refused = (r: ProbeResult) => Boolean(r.error && /offset/.test(r.error) && /HTTP 400/.test(r.error));

async function samples(db: Database, tickets: number): Promise<Samples> {
  const q = async (text: string) => (await db.exec(text)).rows;
  const ids = (await q(`select id from tickets order by id limit ${tickets}`)).map((r) => String(r.id));
  const [t] = await q(`select number from tickets order by received_at desc offset (select count(*) / 20 from tickets) limit 1`);
  const [u] = await q(`select s.serial_number from tickets t join serial_units s on s.id = t.serial_unit_id order by t.id limit 1`);
  const [c] = await q(`select name from customers where kind = 'company' order by created_at limit 1 offset 100`);
  // A caller who has tickets: the primary contact a ticket names.
  const [p] = await q(`select c.phone_enc from tickets t join contacts c on c.id = t.contact_id where c.phone_enc is not null order by t.id limit 1`);
  const keys = keyringFromMaster(Buffer.from(KEY_HEX, 'hex'));
  const phone = p ? formatPhone(keys.decrypt(String(p.phone_enc))) : null;
  const [last] = await q(`select max(received_at) as at from tickets`);
  const [cat] = await q(
    `select product_category as c, count(*)::int as n from report_ticket_facts where product_category is not null group by 1 order by 2 desc limit 1`,
  );
  const [facts] = await q(`select count(*)::int as n from report_ticket_facts`);
  const name = String(c?.name ?? '华东精密');
  // A fragment of the name after the city, as someone types what they remember ("宏达精工").
  const customerFragment = [...name].slice(2, 6).join('');
  return {
    number: String(t?.number ?? ''),
    ids: ids.length ? ids : [],
    serial: String(u?.serial_number ?? ''),
    customerFragment,
    phone,
    phoneFragment: phone ? phone.replace(/\D/g, '').slice(3, 7) : '1380',
    lastReceivedAt: last?.at ? new Date(last.at as string) : new Date(),
    category: String(cat?.c ?? '电子类'),
    facts: Number(facts?.n ?? 0),
  };
}

async function settings(db: Database): Promise<Record<string, string>> {
  const rows = (await db.exec(`select name, setting, unit from pg_settings where name = any($1)`, [SETTINGS])).rows;
  const out: Record<string, string> = {};
  for (const r of rows) {
    const unit = r.unit ? String(r.unit) : '';
    const v = String(r.setting);
    // 8kB pages and kB as PostgreSQL's SHOW prints them.
    out[String(r.name)] = unit === '8kB' ? `${(Number(v) * 8) / 1024} MB` : unit === 'kB' ? `${Number(v) / 1024} MB` : unit ? `${v} ${unit}` : v;
  }
  return out;
}

const suite: BenchSuite = {
  name: 'scale',
  description: 'queues, deep pages, search and the ticket page through the API on 1,000,000 generated tickets',
  dbs: ['postgres', 'pglite'],
  async run(target: RunTarget, ctx: SuiteContext): Promise<SuiteResult> {
    const kind = target as DbKind;
    const startedAt = new Date().toISOString();
    const notes: string[] = [];
    const n = kind === 'pglite' ? envInt('SCALE_TICKETS_PGLITE', 100_000) : envInt('SCALE_TICKETS', 1_000_000);
    const k = envInt('SCALE_SAMPLES', 60);
    const kDashboard = envInt('SCALE_DASHBOARD_SAMPLES', 20);
    const where = place(kind, n);
    const tree = execSync('git diff --stat -- src/modules/tickets src/db/migrations; git status --short -- src/modules/tickets src/db/migrations', {
      cwd: ROOT,
    })
      .toString()
      .trim();
    ctx.log(`  ${where.label}; tickets code in the working tree: ${tree ? `\n${tree}` : 'as committed'}`);

    // ---- the data -------------------------------------------------------------------------------
    let db = await where.open();
    let have = await ticketCount(db);
    let generatedSeconds: number | null = null;
    if (have !== n) {
      await db.close();
      ctx.log(`  holds ${have.toLocaleString('en-US')} tickets, ${n.toLocaleString('en-US')} wanted: generating from scratch…`);
      await where.reset();
      generatedSeconds = await generate(where.env, n, ctx.log);
      db = await where.open();
      have = await ticketCount(db);
      ctx.log(`  generated in ${generatedSeconds.toFixed(0)} s`);
    } else ctx.log(`  reusing ${have.toLocaleString('en-US')} generated tickets`);
    const pick = await samples(db, k);
    const inForce = await settings(db);
    const sizes = (
      await db.exec(
        `select relname as t, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class where relname in ('tickets', 'events', 'sla_clocks', 'contacts', 'report_ticket_facts')`,
      )
    ).rows;
    const counts = (
      await db.exec(
        `select (select count(*)::int from events) as events, (select count(*)::int from tickets where status in ('received','graded','in_progress','waiting_customer','waiting_parts')) as open`,
      )
    ).rows[0]!;
    await db.close();
    ctx.log(
      `  settings: ${Object.entries(inForce)
        .map(([k2, v]) => `${k2}=${v}`)
        .join(', ')}`,
    );
    ctx.log(
      `  sizes: ${sizes.map((s) => `${s.t} ${s.size}`).join(', ')}; ${Number(counts.events).toLocaleString('en-US')} events, ${Number(counts.open).toLocaleString('en-US')} open`,
    );

    // ---- the server -------------------------------------------------------------------------------
    const t0 = Date.now();
    const server = await spawnServer({
      env: { ...where.env, SHOUHOU_DEMO: '0', LOG_LEVEL: 'silent', SHOUHOU_ADMIN_PASSWORD: ADMIN_PASSWORD },
      readyTimeoutMs: 30 * 60_000,
    });
    ctx.log(`  server ready in ${Date.now() - t0} ms (migrations it applied included)`);
    const settled = await waitForQuiet();
    ctx.log(`  machine quiet after ${settled.toFixed(0)} s (the server recording the deadlines that passed since the history was made)`);
    const rows: ProbeResult[] = [];
    try {
      // A manager: the "all" queue is their default tab, and they may search everything.
      const { client } = await loginAndToken(server.url, ADMIN_PASSWORD, 'manager');
      const run = async (label: string, paths: string[], targetMs: number, samplesN = k) => {
        const r = await probe(client, label, paths, { samples: samplesN, targetMs });
        rows.push(r);
        ctx.log(
          `  ${label.padEnd(34)} ${refused(r) ? 'refused by the API: offsets stop at 1,000, deep pages go by cursor (below)' : r.error ? `ERROR ${r.error.slice(0, 200)}` : `p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms${r.hits !== null ? `, ${r.hits.toLocaleString('en-US')}${r.capped ? '+' : ''} hits` : ''}`}`,
        );
      };
      await run('all queue (default sort)', [queuePath({})], 50);
      await run('at-risk / breached queue', [queuePath({ open: 'true', sla: 'at_risk' })], 50);
      await run('unassigned open queue', [queuePath({ ownerId: 'none', open: 'true' })], 50);
      await run('page 200 of the all queue', [queuePath({}, 200)], 100);
      await run('page 200 of the open queue', [queuePath({ open: 'true' }, 200)], 100);
      const cursor = await deepCursor(client, ctx);
      if (cursor) await run('page 200 by cursor (keyset)', [cursor], 100);
      else notes.push('the list API answers no cursor (keyset paging): page 200 is by offset only');
      await run('search 指示灯', [queuePath({ q: '指示灯' })], 100);
      await run('search 电源模块', [queuePath({ q: '电源模块' })], 100);
      await run('search a ticket number', [queuePath({ q: pick.number })], 50);
      await run('search a phone fragment', [queuePath({ q: pick.phoneFragment })], 50);
      await run('search a serial number', [queuePath({ q: pick.serial })], 50);
      await run('search a customer-name fragment', [queuePath({ q: pick.customerFragment })], 50);
      // Exact phone lookups are limited to 30 a minute per user (and audited): a few samples only.
      if (pick.phone) await run('search a full phone (blind index)', [queuePath({ q: pick.phone })], 50, Math.min(k, 20));
      await run(
        'one ticket (GET /tickets/:id)',
        pick.ids.map((id) => `/tickets/${id}`),
        30,
      );
      await run(
        'ticket timeline (GET …/events)',
        pick.ids.map((id) => `/tickets/${id}/events`),
        30,
      );
      // The dashboard (web/src/features/reports/DashboardPage.tsx): its figures, staff and operations
      // panels ask at once for the chosen period; each request alone, then the page as the browser sends it.
      const periods = dashboardPeriods(pick.lastReceivedAt);
      const dashboard = async (name: string, period: { from: string; to: string }, targetMs: number, filters: Record<string, string> = {}) => {
        const paths = dashboardPaths(period, filters);
        await run(`${name}: kpi`, [paths.kpi], targetMs, kDashboard);
        if (!Object.keys(filters).length) await run(`${name}: staff`, [paths.staff], targetMs, kDashboard);
        await run(`${name}: operations`, [paths.operations], targetMs, kDashboard);
        const r = await probePage(client, `${name}: page`, [paths.kpi, paths.staff, paths.operations], { samples: kDashboard, targetMs });
        rows.push(r);
        ctx.log(`  ${r.label.padEnd(34)} ${r.error ? `ERROR ${r.error.slice(0, 200)}` : `p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms`}`);
      };
      await dashboard('dashboard, one month', periods.month, 500);
      await dashboard('dashboard, one year', periods.year, 2000);
      await dashboard('dashboard, one month, one category', periods.month, 500, { productCategory: pick.category });
    } finally {
      await server.stop();
    }

    const metrics: Record<string, Metric> = {};
    for (const r of rows) {
      if (r.error) continue;
      metrics[`${r.label} p50`] = { value: r.p50, unit: 'ms' };
      metrics[`${r.label} p95`] = { value: r.p95, unit: 'ms', target: { op: '<=', value: r.targetMs } };
      metrics[`${r.label} max`] = { value: r.max, unit: 'ms' };
    }
    const failed = rows.filter((r) => r.error && !refused(r));
    for (const r of rows.filter(refused)) notes.push(`${r.label}: refused by the API (offset capped; deep pages go by cursor)`);
    for (const r of failed) notes.push(`${r.label}: ${r.error}`);
    // A search must find what it looks for: a generated fault word, the number, the serial.
    const hitsOf = (label: string) => rows.find((r) => r.label === label)?.hits ?? 0;
    const found =
      hitsOf('search 指示灯') > 0 && hitsOf('search 电源模块') > 0 && hitsOf('search a ticket number') >= 1 && hitsOf('search a serial number') >= 1;
    if (!found) notes.push('a search found nothing it should have found (see hits)');
    // The dashboard counts the fact rows: a history without them shows nothing, however fast.
    const factsOk = pick.facts === have;
    if (!factsOk) notes.push(`report_ticket_facts holds ${pick.facts} rows for ${have} tickets: the dashboard figures are not the history's`);
    notes.push(
      `load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${ctx.machine.nproc} CPUs (other work was running)`,
    );
    return {
      suite: 'scale',
      db: kind,
      database: kind === 'pglite' ? 'PGlite' : `PostgreSQL ${inForce.server_version ?? ''}`.trim(),
      startedAt,
      ok: !failed.length && found && factsOk,
      metrics,
      details: {
        tickets: have,
        factRows: pick.facts,
        dashboardPeriods: { ...dashboardPeriods(pick.lastReceivedAt), category: pick.category },
        openTickets: Number(counts.open),
        events: Number(counts.events),
        generatedSeconds,
        reused: generatedSeconds === null,
        samplesPerRow: k,
        dashboardSamplesPerRow: kDashboard,
        settings: inForce,
        sizes: Object.fromEntries(sizes.map((s) => [s.t, s.size])),
        searched: {
          number: pick.number,
          serial: pick.serial,
          customerFragment: pick.customerFragment,
          phoneFragment: pick.phoneFragment,
          phone: pick.phone ? 'a customer’s phone (not stored here)' : null,
        },
        rows: rows.map(({ label, path, samples: s, p50, p95, max, hits, capped, items, targetMs, error }) => ({
          label,
          path,
          samples: s,
          p50,
          p95,
          max,
          hits,
          capped,
          items,
          targetMs,
          error,
        })),
        ticketsCodeInTree: tree || 'as committed',
      },
      notes,
    };
  },
};

/**
 * The keyset equivalent of page 200, if the list API offers one: detected from the first page's
 * answer (a `…cursor` field naming the next page), then followed page by page as the web app's pager
 * would, with `cursor` in place of `offset`. Null when the answer has no cursor or the API refuses it.
 */
async function deepCursor(client: import('../lib/http').ApiClient, ctx: SuiteContext): Promise<string | null> {
  let path = queuePath({});
  let page = 1;
  for (; page < 200; page++) {
    const res = await fetch(`${client.base}/api/v1${path}`, { headers: client.auth ? { authorization: client.auth } : {} });
    if (!res.ok) return null;
    const body = (await res.json()) as Record<string, unknown>;
    const key = Object.keys(body).find((x) => /cursor/i.test(x));
    if (!key) return null;
    // The last page answers no next cursor: a smaller history is measured at its deepest page.
    if (typeof body[key] !== 'string') break;
    const q = new URLSearchParams(path.split('?')[1]);
    q.delete('offset');
    q.set('cursor', String(body[key]));
    path = `/tickets?${q.toString()}`;
  }
  ctx.log(`  keyset paging: followed the answers' cursor to page ${page}`);
  return page > 1 ? path : null;
}

export default suite;
