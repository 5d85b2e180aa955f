import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { ensureDaySequence, formatTicketNumber, sequenceName } from '../../modules/tickets/numbering';
import { loadCalendars } from '../../modules/sla/calendars.service';
import { defaultPolicy } from '../../modules/sla/policies.service';
import { requestSaysSafety } from '../../modules/reports/facts';
import { DEMO_PROBLEMS } from '../demo-problems';
import { ensureModels, ensureStaff, generateCustomers, generateUnits, type Customer, type Unit } from './cast';
import { runSeed, seededRandom, type Rand } from './random';
import { writeStory, type Fate } from './story';
import { arrivals, spreadOverDays } from './timeline';
import { FAMILY_WEIGHTS } from './vocabulary';
import { BatchWriter } from './writer';

// 规模数据 `npm run cli -- generate`: a manufacturer's after-sales history of N tickets over two years,
// written beside whatever the database holds (the demo company, an earlier run). Ticket numbers are
// drawn from the same per-day sequences the server draws from, serials continue after the units
// already there, ids come from the seeded generator mixed with that starting point: a second run adds
// more and never collides.

const DAY = 86_400_000;
const HISTORY_DAYS = 730;
/** Share of tickets still open (issue 10: 30 %). */
const OPEN_SHARE = 0.3;
const CHANNELS = [
  ['phone', 40],
  ['wechat', 15],
  ['web', 12],
  ['email', 10],
  ['dealer', 10],
  ['walk_in', 5],
  ['api', 8],
] as const;

export interface GenerateOptions {
  tickets: number;
  seed: number;
  /** Default: 20,000 per million tickets (at least 20). */
  customers?: number;
  /** Default: 200,000 per million tickets (at least 60). */
  units?: number;
  /** Tickets per batch (one transaction each). */
  batch?: number;
  log?: (line: string) => void;
  /**
   * Several processes share the work (`--parallel`): 'cast' writes people, customers and units and
   * stops; 'tickets' reads them back and writes the days with index % of === index, with the parent's
   * `now` and unit offset, so the parts together are exactly the single-process history's size.
   */
  phase?: { kind: 'cast' } | { kind: 'tickets'; index: number; of: number; now: number; offset: number };
}

export interface GenerateReport {
  tickets: number;
  open: number;
  customers: number;
  units: number;
  events: number;
  seconds: number;
  byStatus: Record<string, number>;
  /** The instant the history ends at and the first serial number of this run (for the parts). */
  now: number;
  offset: number;
}

/**
 * Fresh statistics, so the server plans its first queries on the real table sizes; the fact table is
 * vacuumed too, as autovacuum would after a bulk load, so the dashboard's open backlog is read from its
 * index alone (report_ticket_facts_open_idx) as it is on a running system.
 */
export async function analyze(database: AppContext['database']): Promise<void> {
  for (const table of ['tickets', 'events', 'chain_heads', 'sla_clocks', 'followup_tasks', 'customers', 'contacts', 'serial_units'])
    await database.exec(`analyze ${table}`);
  await database.exec('vacuum (analyze) report_ticket_facts');
}

/** Every unit with its owner and the owner's primary contact (a part of a parallel run reads what the first part wrote). */
async function unitsFromDatabase(ctx: AppContext): Promise<Unit[]> {
  const r = await ctx.db.execute<{
    id: string;
    serial: string;
    model_id: string;
    model: string;
    customer_id: string;
    name: string;
    contact_id: string;
    at: Date | string;
    category: string | null;
    batch: string;
    province: string | null;
  }>(sql`
    select u.id, u.serial_number as serial, u.product_model_id as model_id, m.model_number as model, m.category, u.batch, c.id as customer_id, c.name, c.province,
           (select k.id from contacts k where k.customer_id = c.id and k.is_primary limit 1) as contact_id, u.created_at as at
      from serial_units u join product_models m on m.id = u.product_model_id join customers c on c.id = u.customer_id
     order by u.serial_number`);
  const customers = new Map<string, Unit['customer']>();
  return r.rows.map((x) => {
    let customer = customers.get(x.customer_id);
    if (!customer)
      customers.set(x.customer_id, (customer = { id: x.customer_id, name: x.name, contactId: x.contact_id, phone: '', city: '', province: x.province }));
    return {
      id: x.id,
      serialNumber: x.serial,
      modelId: x.model_id,
      family: x.model.split('-')[0]!,
      category: x.category,
      batch: x.batch,
      customer,
      purchasedAt: new Date(x.at).getTime(),
    };
  });
}

/** Where an open ticket waits: recent work is spread over every step, the old backlog waits. */
function openFate(rand: Rand, ageDays: number): Fate {
  if (ageDays < 3)
    return rand.weighted([
      ['received', 12],
      ['graded', 13],
      ['in_progress', 45],
      ['waiting_customer', 12],
      ['waiting_parts', 18],
    ] as const);
  return rand.weighted([
    ['received', 3],
    ['graded', 5],
    ['in_progress', 32],
    ['waiting_customer', 25],
    ['waiting_parts', 35],
  ] as const);
}

const RECENT_OPEN: [number, number][] = [
  [1, 0.6],
  [3, 0.45],
  [7, 0.35],
  [30, 0.3],
  [180, 0.27],
];

export async function generateScaleData(ctx: AppContext, opts: GenerateOptions): Promise<GenerateReport> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const N = opts.tickets;
  const part = opts.phase?.kind === 'tickets' ? opts.phase : null;
  const now = part?.now ?? ctx.clock.now().getTime();
  const database = ctx.database;
  const out = new BatchWriter(database);

  const policyRow = await defaultPolicy(ctx);
  const policy = {
    id: policyRow.id,
    rules: policyRow.rules,
    acknowledgedAtReceipt: policyRow.acknowledgedAtReceipt,
    explanationTargets: policyRow.explanationTargets,
  };
  const calendars = await loadCalendars(ctx);
  const staff = await ensureStaff(ctx, out);
  const models = await ensureModels(ctx);
  const counted = await ctx.db.execute<{ units: number; tickets: number }>(
    sql`select (select count(*)::int from serial_units) as units, (select count(*)::int from tickets) as tickets`,
  );
  const offset = part?.offset ?? counted.rows[0]!.units;
  const rand = seededRandom(runSeed(opts.seed, offset) + (part ? 7919 * (part.index + 1) : 0));
  const nCustomers = opts.customers ?? Math.max(20, Math.round(N / 50));
  const nUnits = opts.units ?? Math.max(60, Math.round(N / 5));
  const start = now - HISTORY_DAYS * DAY;
  let customers: Customer[] = [];
  let units: Unit[] = [];
  if (part) units = await unitsFromDatabase(ctx);
  else {
    log(
      `generating ${N.toLocaleString('en-US')} tickets, ${nCustomers.toLocaleString('en-US')} customers, ${nUnits.toLocaleString('en-US')} units (seed ${opts.seed}; the database held ${counted.rows[0]!.tickets.toLocaleString('en-US')} tickets)`,
    );

    customers = generateCustomers(ctx, rand, nCustomers, start, staff.agents, out);
    await out.flush();
    const UNIT_BATCH = 20_000;
    for (let done = 0; done < nUnits; done += UNIT_BATCH) {
      const n = Math.min(UNIT_BATCH, nUnits - done);
      // Bought from three years before the history starts until a week ago.
      units.push(
        ...generateUnits(ctx, rand, n, offset + done, models, customers, { from: start - 3 * 365 * DAY, to: now - 7 * DAY }, staff.agents, FAMILY_WEIGHTS, out),
      );
      await out.flush();
    }
    log(
      `  ${customers.length.toLocaleString('en-US')} customers and ${units.length.toLocaleString('en-US')} units in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  if (opts.phase?.kind === 'cast') {
    await out.drain();
    return { tickets: 0, open: 0, customers: customers.length, units: units.length, events: 0, seconds: (Date.now() - t0) / 1000, byStatus: {}, now, offset };
  }
  const days = spreadOverDays(N, now, HISTORY_DAYS);
  // The share of older tickets left open that makes the whole OPEN_SHARE, given the recent ones.
  const ageOf = (d: { start: number }) => (now - d.start) / DAY;
  const recentP = (age: number) => RECENT_OPEN.find(([limit]) => age < limit)?.[1];
  let recentOpen = 0;
  let oldCount = 0;
  for (const d of days) {
    const p = recentP(ageOf(d));
    if (p === undefined) oldCount += d.count;
    else recentOpen += p * d.count;
  }
  const oldP = oldCount ? Math.min(0.6, Math.max(0.02, (OPEN_SHARE * N - recentOpen) / oldCount)) : 0;

  const byFamily = new Map<string, Unit[]>();
  for (const u of units) {
    const list = byFamily.get(u.family);
    if (list) list.push(u);
    else byFamily.set(u.family, [u]);
  }
  // The triage rule once per distinct request text (the vocabulary repeats them many times over).
  const safety = new Map<string, boolean>();
  const saysSafety = (title: string, description: string) => {
    const key = `${title}\n${description}`;
    let said = safety.get(key);
    if (said === undefined) safety.set(key, (said = requestSaysSafety(title, description)));
    return said;
  };
  const env = { rand, now, staff, calendars, policy, mac: ctx.keys.auditMac, out, saysSafety };
  const batch = opts.batch ?? (database.kind === 'pglite' ? 1000 : 2500);
  const byStatus: Record<string, number> = {};
  let done = 0;
  let inBatch = 0;
  let lastLog = Date.now();
  const tTickets = Date.now();
  for (const [dayIndex, day] of days.entries()) {
    if (!day.count || (part && dayIndex % part.of !== part.index)) continue;
    await ensureDaySequence(database, day.date);
    // The day's numbers from the server's own sequence, in arrival order.
    const drawn = await database.exec(`select nextval('${sequenceName(day.date)}')::int as n from generate_series(1, $1)`, [day.count]);
    const numbers = drawn.rows.map((r) => Number(r.n)).sort((a, b) => a - b);
    const times = arrivals(rand, day, now);
    const age = ageOf(day);
    const pOpen = recentP(age) ?? oldP;
    for (let k = 0; k < day.count; k++) {
      const receivedAt = times[k]!;
      const family = rand.weighted(FAMILY_WEIGHTS);
      const pool = byFamily.get(family) ?? units;
      // A unit bought before the call (a few tries; the installed base is mostly older than two years).
      let unit = rand.pick(pool);
      for (let tries = 0; tries < 4 && unit.purchasedAt > receivedAt; tries++) unit = rand.pick(pool);
      const problem = rand.pick(DEMO_PROBLEMS[family]!);
      const fate: Fate = rand.chance(pOpen) ? openFate(rand, age) : rand.chance(0.05) ? 'cancelled' : 'done';
      const { status } = writeStory(env, {
        number: formatTicketNumber(day.date, numbers[k]!),
        receivedAt,
        unit,
        problem,
        channel: rand.weighted(CHANNELS),
        fate,
      });
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      done++;
      if (++inBatch >= batch) {
        inBatch = 0;
        await out.flush();
        if (Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          const s = (Date.now() - tTickets) / 1000;
          const rate = done / s;
          log(
            `  ${done.toLocaleString('en-US').padStart(9)} / ${N.toLocaleString('en-US')} tickets, ${Math.round(rate).toLocaleString('en-US')}/s, ~${Math.round((N - done) / rate)} s left`,
          );
        }
      }
    }
  }
  await out.drain();
  log(`  ${done.toLocaleString('en-US')} tickets written in ${((Date.now() - tTickets) / 1000).toFixed(1)} s; analyzing…`);
  if (!part) await analyze(database);
  const events = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from events`);
  const open = ['received', 'graded', 'in_progress', 'waiting_customer', 'waiting_parts'].reduce((s, k) => s + (byStatus[k] ?? 0), 0);
  return {
    tickets: done,
    open,
    customers: customers.length,
    units: units.length,
    events: events.rows[0]!.n,
    seconds: (Date.now() - t0) / 1000,
    byStatus,
    now,
    offset,
  };
}
