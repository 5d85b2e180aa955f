import type { CalendarSet } from '../../domain/calendar';
import {
  acknowledgedAtReceipt,
  calendarFor,
  needsExplanation,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  warningAt,
  type SlaClock,
  type SlaPolicyInput,
  type TargetName,
  type TargetSpec,
  ticketSlaState,
} from '../../domain/sla';
import type { Row } from './writer';

// A ticket's SLA clocks (计时器) through its story, with the pure domain functions the SLA module
// uses (start, stop, pause, resume, warning mark), and what the server's sweep would have recorded
// while the story went on: an 80 % warning and a breach, each once, a moment after it fell due.

export const STARTED_AT_RECEIPT: readonly TargetName[] = [
  'acknowledge',
  'firstResponse',
  'resolution',
  'progressUpdate',
  'complaintContact',
  'complaintResolution',
];
export const MET_BY_CONTACT: readonly TargetName[] = ['acknowledge', 'firstResponse', 'complaintContact'];

interface Tracked {
  id: string;
  clock: SlaClock;
  cancelled: boolean;
  warnAt: Date | null;
  warnedAt: number | null;
  breachRecordedAt: number | null;
}

export type SlaPolicyRow = Pick<SlaPolicyInput, 'rules' | 'acknowledgedAtReceipt' | 'explanationTargets'> & { id: string };

/** What the sweep or a late stop announces on the ticket's chain (src/modules/sla/announce.ts). */
export interface Announcement {
  at: number;
  type: 'sla_breached' | 'sla_warning';
  data: Record<string, unknown>;
}

export class TicketClocks {
  private list: Tracked[] = [];
  constructor(
    private readonly calendars: CalendarSet,
    private readonly policy: SlaPolicyRow,
    private readonly specs: Partial<Record<TargetName, TargetSpec>>,
    private readonly uuid: () => string,
    /** A sweep runs every ~500 ms: a warning or breach is recorded this long after its instant. */
    private readonly lag: () => number,
    /** Whose clocks these are: a ticket's, or a follow-up task's (src/seed/scale/followups.ts). */
    private readonly subjectType: 'ticket' | 'followup' = 'ticket',
    /** A promise given by the caller, not resolved from the policy, records no policy (startClock with `spec`). */
    private readonly policyId: string | null = policy.id,
  ) {}

  /** startTicketClocks: the receipt targets; a call or a walk-in is acknowledged at receipt. */
  startAtReceipt(at: Date, channel: string): void {
    for (const target of STARTED_AT_RECEIPT) {
      if (!this.specs[target]) continue;
      this.start(target, at);
      if (target === 'acknowledge' && acknowledgedAtReceipt(this.policy, channel)) {
        const t = this.list.at(-1)!;
        t.clock = stopClock(t.clock, at);
      }
    }
  }

  start(target: TargetName, at: Date): void {
    const spec = this.specs[target];
    if (!spec) return;
    const { clock } = startClock(target, spec, at, this.calendars);
    this.list.push({
      id: this.uuid(),
      clock,
      cancelled: false,
      warnAt: warningAt(clock, calendarFor(spec, this.calendars)),
      warnedAt: null,
      breachRecordedAt: null,
    });
  }

  /** What the background sweep recorded up to `at`, in time order. */
  sweep(at: number): Announcement[] {
    const out: Announcement[] = [];
    for (const t of this.list) {
      if (t.clock.status !== 'running' || t.cancelled) continue;
      if (t.warnAt && t.warnedAt === null && t.warnAt.getTime() <= at && t.warnAt.getTime() < t.clock.dueAt.getTime()) {
        t.warnedAt = Math.min(t.warnAt.getTime() + this.lag(), at);
        out.push({ at: t.warnedAt, type: 'sla_warning', data: { target: t.clock.target, dueAt: t.clock.dueAt.toISOString() } });
      }
      if (t.clock.dueAt.getTime() <= at) {
        t.breachRecordedAt = Math.min(t.clock.dueAt.getTime() + this.lag(), at);
        t.clock = { ...t.clock, status: 'breached', breachedAt: t.clock.dueAt };
        out.push({ at: t.breachRecordedAt, type: 'sla_breached', data: this.breachData(t, t.breachRecordedAt) });
      }
    }
    return out.sort((a, b) => a.at - b.at);
  }

  private breachData(t: Tracked, at: number) {
    return {
      target: t.clock.target,
      dueAt: t.clock.dueAt.toISOString(),
      amount: t.clock.spec.amount,
      unit: t.clock.spec.unit,
      recordedAt: new Date(at).toISOString(),
    };
  }

  /** stopClocks: met on time; done late is a breach recorded now (once). */
  stop(targets: readonly TargetName[] | 'all', at: number): Announcement[] {
    const out: Announcement[] = [];
    const when = new Date(at);
    for (const t of this.list) {
      if (t.cancelled || (targets !== 'all' && !targets.includes(t.clock.target))) continue;
      const open = t.clock.status === 'running' || t.clock.status === 'paused';
      const lateRunning = t.clock.status === 'breached' && !t.clock.stoppedAt;
      if (!open && !lateRunning) continue;
      t.clock = stopClock(t.clock, when);
      if (t.clock.status === 'breached' && t.breachRecordedAt === null) {
        t.breachRecordedAt = at;
        out.push({ at, type: 'sla_breached', data: this.breachData(t, at) });
      }
    }
    return out;
  }

  /** applyPauseRules: the targets a waiting status pauses stop counting; the others resume. */
  applyPauses(paused: readonly TargetName[], at: number): Announcement[] {
    const out: Announcement[] = [];
    const when = new Date(at);
    for (const t of this.list) {
      if (t.cancelled) continue;
      if (t.clock.status === 'running' && paused.includes(t.clock.target)) {
        t.clock = pauseClock(t.clock, when);
        if (t.clock.status === 'breached' && t.breachRecordedAt === null) {
          t.breachRecordedAt = at;
          out.push({ at, type: 'sla_breached', data: this.breachData(t, at) });
        }
      } else if (t.clock.status === 'paused' && !paused.includes(t.clock.target)) {
        t.clock = resumeClock(t.clock, when, calendarFor(t.clock.spec, this.calendars)).clock;
        t.warnAt = warningAt(t.clock, calendarFor(t.clock.spec, this.calendars));
      }
    }
    return out;
  }

  /** cancelClocks('all'): open clocks are cancelled, a late step's lateness stops growing. */
  cancelAll(at: number): void {
    for (const t of this.list) {
      if (t.cancelled) continue;
      if (t.clock.status === 'running' || t.clock.status === 'paused') {
        t.cancelled = true;
        t.clock = { ...t.clock, stoppedAt: new Date(at) };
      } else if (t.clock.status === 'breached' && !t.clock.stoppedAt) t.clock = { ...t.clock, stoppedAt: new Date(at) };
    }
  }

  /** Overdue (slaBreached): a breached clock whose target the policy asks a 超时说明 for. */
  overdue(): boolean {
    return this.list.some((t) => t.clock.status === 'breached' && needsExplanation(this.policy, t.clock.target));
  }

  /** refreshSummary as of `now`: the queue columns. */
  summary(now: number): { slaState: string; slaNextDueAt: string | null; slaBreached: boolean } {
    const open = this.list.filter((t) => !t.cancelled && (t.clock.status === 'running' || t.clock.status === 'paused'));
    const running = open.filter((t) => t.clock.status === 'running');
    const breached = this.overdue();
    const warning = running.some((t) => t.warnedAt !== null || (t.warnAt && t.warnAt.getTime() <= now));
    const slaState = ticketSlaState({ clocks: this.list.length, open: open.length, running: running.length, breached, warning });
    const next = running.reduce<Date | null>((min, t) => (!min || t.clock.dueAt < min ? t.clock.dueAt : min), null);
    return { slaState, slaNextDueAt: next?.toISOString() ?? null, slaBreached: breached };
  }

  rows(ticketId: string): Row[] {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return this.list.map((t) => ({
      id: t.id,
      subject_type: this.subjectType,
      subject_id: ticketId,
      target: t.clock.target,
      spec: t.clock.spec,
      policy_id: this.policyId,
      status: t.cancelled ? 'cancelled' : t.clock.status,
      started_at: iso(t.clock.startedAt),
      due_at: iso(t.clock.dueAt),
      paused_at: iso(t.clock.pausedAt),
      pauses: t.clock.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to.toISOString() })),
      stopped_at: iso(t.clock.stoppedAt),
      breached_at: iso(t.clock.breachedAt),
      warn_at: iso(t.warnAt),
      warned_at: t.warnedAt === null ? null : new Date(t.warnedAt).toISOString(),
      breach_recorded_at: t.breachRecordedAt === null ? null : new Date(t.breachRecordedAt).toISOString(),
    }));
  }
}
