import { randomUUID } from 'node:crypto';
import { type Database } from '../../src/db/client';
import { CURRENT_HASH_VERSION, eventHash } from '../../src/domain/audit/chain';
import { type CalendarSet } from '../../src/domain/calendar';
import { STRICTEST_PRESET, calendarFor, resolveTargets, startClock, warningAt, type TargetName } from '../../src/domain/sla';
import { type Priority, type RequestType } from '../../src/domain/ticket/ticket.schemas';

// Seeding for bench/suites/sla-breach.ts: the rows the app writes for an open ticket, in bulk.
export const LIMIT = 500; // detectBreaches' batch (src/modules/sla/breach.service.ts)
export const TARGET_MS = 2000;
export const MARGIN_MS = 15 * 60_000; // background clocks never fall due (or warn) during the run
export const STEADY_SPREAD_MS = 10_000;
export const BURST_GAP_MS = 10_000;

export const STARTED_AT_RECEIPT: readonly TargetName[] = [
  'acknowledge',
  'firstResponse',
  'resolution',
  'progressUpdate',
  'complaintContact',
  'complaintResolution',
];
export const MET_BY_CONTACT: readonly TargetName[] = ['acknowledge', 'firstResponse', 'complaintContact'];

export function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  return v ? Number(v) : dflt;
}

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN);
export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r2 = (x: number) => Math.round(x * 100) / 100;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
export const localDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

export interface Row {
  [k: string]: unknown;
}

/** Rows for one ticket: the ticket, its clocks, its 'created' event and its ticket.created outbox row. */
export class Seeder {
  tickets: Row[] = [];
  clocks: Row[] = [];
  events: Row[] = [];
  heads: Row[] = [];
  outbox: Row[] = [];
  private perDay = new Map<string, number>();
  constructor(
    private readonly mac: (s: string) => string,
    private readonly policyId: string,
    private readonly customerId: string,
    private readonly ownerId: string,
    private readonly calendars: CalendarSet,
  ) {}

  /**
   * A ticket received at `receivedAt`; clocks whose due time is before `metBefore` are finished
   * (met, or breached and recorded long ago for `breachShare` of them), the rest run. `override`
   * forces one target's clock to run with the given due time (the controlled clocks).
   */
  add(o: {
    requestType: RequestType;
    priority: Priority;
    receivedAt: Date;
    now: Date;
    metBefore: number;
    random: () => number;
    breachShare: number;
    progressStart?: Date;
    override?: { target: TargetName; dueAt: Date };
  }): string[] {
    const id = randomUUID();
    const day = localDay(o.receivedAt);
    const n = (this.perDay.get(day) ?? 0) + 1;
    this.perDay.set(day, n);
    const number = `WX${day}${String(n).padStart(3, '0')}`;
    const specs = resolveTargets(STRICTEST_PRESET, o.requestType, o.priority);
    const nowMs = o.now.getTime();
    let nextDue: Date | null = null;
    let breached = false;
    let contacted = false;
    const controlled: string[] = [];
    for (const target of STARTED_AT_RECEIPT) {
      const spec = specs[target];
      if (!spec) continue;
      const start = target === 'progressUpdate' && o.progressStart ? o.progressStart : o.receivedAt;
      let { clock } = startClock(target, spec, start, this.calendars);
      const clockId = randomUUID();
      if (o.override?.target === target) {
        clock = { ...clock, dueAt: o.override.dueAt };
        controlled.push(clockId);
      }
      let warnAt = warningAt(clock, calendarFor(spec, this.calendars));
      let warnedAt: Date | null = null;
      let breachRecordedAt: Date | null = null;
      const running = o.override?.target === target || clock.dueAt.getTime() >= o.metBefore;
      if (!running) {
        if (clock.dueAt.getTime() + 1000 < nowMs && o.random() < o.breachShare) {
          clock = { ...clock, status: 'breached', breachedAt: clock.dueAt };
          breachRecordedAt = new Date(clock.dueAt.getTime() + 300 + Math.floor(o.random() * 400));
          breached = true;
        } else {
          const used = (clock.dueAt.getTime() - start.getTime()) * (0.2 + 0.75 * o.random());
          clock = { ...clock, status: 'met', stoppedAt: new Date(Math.max(start.getTime(), Math.min(nowMs - 1000, start.getTime() + used))) };
          if (MET_BY_CONTACT.includes(target)) contacted = true;
        }
        warnAt = null;
      } else {
        // A warning that would fire during the run has (for the benchmark) already gone out.
        if (warnAt && warnAt.getTime() < nowMs + MARGIN_MS) warnedAt = new Date(Math.min(warnAt.getTime(), nowMs));
        if (!nextDue || clock.dueAt < nextDue) nextDue = clock.dueAt;
      }
      this.clocks.push({
        id: clockId,
        subject_type: 'ticket',
        subject_id: id,
        target,
        spec,
        policy_id: this.policyId,
        status: clock.status,
        started_at: clock.startedAt.toISOString(),
        due_at: clock.dueAt.toISOString(),
        paused_at: null,
        pauses: [],
        stopped_at: clock.stoppedAt?.toISOString() ?? null,
        breached_at: clock.breachedAt?.toISOString() ?? null,
        warn_at: warnAt?.toISOString() ?? null,
        warned_at: warnedAt?.toISOString() ?? null,
        breach_recorded_at: breachRecordedAt?.toISOString() ?? null,
      });
    }
    const description = `设备故障报修（压测数据 ${number}）：开机后电源指示灯不亮，客户已尝试重新插拔电源线。`;
    const title = [...description].slice(0, 40).join('');
    const status = contacted ? 'in_progress' : 'graded';
    this.tickets.push({
      id,
      number,
      channel: 'phone',
      request_type: o.requestType,
      status,
      title,
      description,
      priority: o.priority,
      graded_at: o.receivedAt.toISOString(),
      customer_id: this.customerId,
      recorder_id: this.ownerId,
      owner_id: this.ownerId,
      team: null,
      received_at: o.receivedAt.toISOString(),
      created_at: o.receivedAt.toISOString(),
      updated_at: o.receivedAt.toISOString(),
      version: 1,
      sla_policy_id: this.policyId,
      sla_state: breached ? 'breached' : 'running',
      sla_next_due_at: nextDue?.toISOString() ?? null,
      sla_breached: breached,
      search_plain: `${number}\n压测电子有限公司\n${title}\n${description}`,
      search_words: '',
    });
    const at = new Date(Math.floor(o.receivedAt.getTime()));
    const content = {
      subjectType: 'ticket',
      subjectId: id,
      seq: 1,
      type: 'created',
      actorId: this.ownerId,
      actorName: '压测 工程师',
      at: at.toISOString(),
      visibility: 'internal',
      body: null,
      data: { after: { id, number, channel: 'phone', requestType: o.requestType, priority: o.priority, status } },
      hashVersion: CURRENT_HASH_VERSION,
    };
    const hash = eventHash(null, content, this.mac);
    this.events.push({
      subject_type: 'ticket',
      subject_id: id,
      seq: 1,
      type: 'created',
      actor_id: this.ownerId,
      actor_name: '压测 工程师',
      at: at.toISOString(),
      visibility: 'internal',
      body: null,
      data: content.data,
      prev_hash: null,
      hash,
      hash_version: CURRENT_HASH_VERSION,
    });
    this.heads.push({ subject_type: 'ticket', subject_id: id, seq: 1, hash, updated_at: at.toISOString() });
    this.outbox.push({
      topic: 'ticket.created',
      payload: { ticketId: id, number, priority: o.priority, ownerId: this.ownerId },
      created_at: at.toISOString(),
      available_at: at.toISOString(),
      attempts: 1,
      delivered_at: at.toISOString(),
    });
    return controlled;
  }

  /** Writes and clears the buffered rows (json_populate_recordset: one parameter per table and chunk). */
  async flush(db: Database): Promise<void> {
    const put = async (table: string, cols: string, rows: Row[]) => {
      if (rows.length) await db.exec(`insert into ${table} (${cols}) select ${cols} from json_populate_recordset(null::${table}, $1)`, [JSON.stringify(rows)]);
    };
    await put('tickets', Object.keys(this.tickets[0] ?? {}).join(','), this.tickets);
    await put('sla_clocks', Object.keys(this.clocks[0] ?? {}).join(','), this.clocks);
    await put('events', Object.keys(this.events[0] ?? {}).join(','), this.events);
    await put('chain_heads', Object.keys(this.heads[0] ?? {}).join(','), this.heads);
    await put('outbox', Object.keys(this.outbox[0] ?? {}).join(','), this.outbox);
    this.tickets = [];
    this.clocks = [];
    this.events = [];
    this.heads = [];
    this.outbox = [];
  }
}
