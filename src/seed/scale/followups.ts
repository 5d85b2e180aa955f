import type { CalendarSet } from '../../domain/calendar';
import { callWindowOpensAt, needsDedicatedFollowup } from '../../domain/followup';
import { hours, workingDays } from '../../domain/sla/presets.documents';
import type { TargetSpec } from '../../domain/sla';
import { DEMO_FOLLOW_UPS } from '../demo-problems';
import type { StaffMember } from './cast';
import { ChainBuilder, type ChainActor } from './chain';
import { TicketClocks, type Announcement, type SlaPolicyRow } from './clocks';
import type { Rand } from './random';
import type { Row } from './writer';

// 回访任务 at scale: the rows src/modules/followups writes when a ticket is resolved (createFollowupTask),
// answered (recordCall) and archived (cancelOpenFollowups), with the same events on the ticket's chain,
// so the follow-up lists and the satisfaction figures (ticketSatisfaction: the newest rating) agree with
// the tickets' 已回访 status. A follow-up clock's own warning or breach goes on the task's chain, as the
// sweep writes it (src/modules/sla/announce.ts).

const HOUR = 3_600_000;
const FOLLOWUP_SUBJECT = 'followup';
/** 003: an unsatisfied customer is visited again within 3 working days (followup-clocks.ts DEDICATED_SPEC). */
const DEDICATED_SPEC: TargetSpec = workingDays(3);
/** 004 §二(五) when the policy promises no follow-up: 72 h, urgent 12 h (followup-clocks.ts). */
const fallbackSpec = (priority: string): TargetSpec => (priority === 'urgent' ? hours(12) : hours(72));

/** What an unhappy customer says on the routine call, and on the dedicated visit once it is put right. */
const UNHAPPY = ['回访：客户表示问题反复出现，对处理结果不满意。', '回访：客户认为工程师到场太晚，影响了生产安排。', '回访：客户不满意，认为沟通不及时。'];
const MADE_GOOD = ['专项回访：已再次上门处理，客户确认问题彻底解决。', '专项回访：已向客户解释原因并改进安排，客户表示认可。'];

export interface FollowupEnv {
  rand: Rand;
  now: number;
  calendars: CalendarSet;
  policy: SlaPolicyRow;
  mac: (s: string) => string;
}

interface Task {
  id: string;
  kind: 'routine' | 'special';
  parentId: string | null;
  createdAt: number;
  callFrom: number;
  status: 'pending' | 'completed' | 'cancelled';
  rating: number | null;
  satisfied: boolean | null;
  problemSolved: boolean | null;
  comments: string | null;
  attempts: Record<string, unknown>[];
  closeReason: string | null;
  completedAt: number | null;
  updatedAt: number;
  version: number;
  clock: TicketClocks;
  chainEvents: Row[];
  chain: ChainBuilder;
}

/** One ticket's follow-up tasks through its story (after its resolution). */
export class TicketFollowups {
  private tasks: Task[] = [];
  constructor(
    private readonly env: FollowupEnv,
    private readonly ticket: { id: string; number: string; priority: string; ownerId: string | null },
    /** The policy's follow-up promise for the ticket's terms (undefined: the 004 fallback). */
    private readonly routineSpec: TargetSpec | undefined,
    private readonly appendToTicket: (e: { type: string; actor: ChainActor | null; at: number; body?: string | null; data: Record<string, unknown> }) => void,
  ) {}

  private open(kind: 'routine' | 'special', at: number, actor: ChainActor, parentId: string | null): Task {
    const { rand, calendars, policy, mac } = this.env;
    const id = rand.uuid();
    const spec = kind === 'special' ? DEDICATED_SPEC : (this.routineSpec ?? fallbackSpec(this.ticket.priority));
    const fromPolicy = kind === 'routine' && this.routineSpec !== undefined;
    const lag = () => 300 + rand.int(1200);
    const clock = new TicketClocks(calendars, policy, { followUp: spec }, rand.uuid, lag, FOLLOWUP_SUBJECT, fromPolicy ? policy.id : null);
    clock.start('followUp', new Date(at));
    const callFrom = kind === 'special' ? at : callWindowOpensAt(new Date(at), this.ticket.priority).getTime();
    const chainEvents: Row[] = [];
    const task: Task = {
      id,
      kind,
      parentId,
      createdAt: at,
      callFrom,
      status: 'pending',
      rating: null,
      satisfied: null,
      problemSolved: null,
      comments: null,
      attempts: [],
      closeReason: null,
      completedAt: null,
      updatedAt: at,
      version: 1,
      clock,
      chainEvents,
      chain: new ChainBuilder(FOLLOWUP_SUBJECT, id, mac, chainEvents),
    };
    this.tasks.push(task);
    this.appendToTicket({ type: 'followup_created', actor, at, data: { followupId: id, kind, callFrom: new Date(callFrom).toISOString() } });
    return task;
  }

  private announce(task: Task, list: Announcement[]) {
    for (const a of list) task.chain.append({ type: a.type, actor: null, at: a.at, data: a.data });
  }

  /** The ticket was resolved: its routine follow-up task (回访) with its clock. */
  resolved(at: number, owner: ChainActor): void {
    this.open('routine', at, owner, null);
  }

  /** The sweep up to `at` (a follow-up clock warns and breaches like any other). */
  sweep(at: number): void {
    for (const t of this.tasks) if (t.status === 'pending') this.announce(t, t.clock.sweep(at));
  }

  /** The agent's call reached the customer: a rating below 4 opens a dedicated follow-up at once. */
  call(at: number, agent: StaffMember, rating: number, comments: string): { taskId: string; dedicated: boolean } {
    const task = this.tasks.find((t) => t.status === 'pending')!;
    this.sweep(at);
    const attempt = {
      at: new Date(at).toISOString(),
      channel: 'phone',
      outcome: 'reached',
      rating,
      problemSolved: rating >= 4,
      comments,
      byId: agent.id,
      byName: agent.name,
    };
    this.appendToTicket({
      type: 'followup_attempt',
      actor: agent,
      at,
      body: comments,
      data: { followupId: task.id, kind: task.kind, channel: 'phone', outcome: 'reached', rating, problemSolved: attempt.problemSolved },
    });
    const satisfied = !needsDedicatedFollowup(rating);
    Object.assign(task, {
      attempts: [...task.attempts, attempt],
      status: 'completed',
      rating,
      satisfied,
      problemSolved: attempt.problemSolved,
      comments,
      completedAt: at,
      updatedAt: at,
      version: task.version + 1,
    });
    this.announce(task, task.clock.stop(['followUp'], at));
    this.appendToTicket({ type: 'followup_completed', actor: agent, at, data: { followupId: task.id, kind: task.kind, rating, satisfied } });
    if (!satisfied && task.kind === 'routine') this.open('special', at, agent, task.id);
    return { taskId: task.id, dedicated: !satisfied };
  }

  /** A routine call (rating 4–5, a few unhappy ones), and for those the dedicated visit until satisfied. */
  followUp(at: number, agent: StaffMember, waitDedicated: (ms: number) => boolean): { taskId: string; reason: string } | null {
    const { rand } = this.env;
    const unhappy = rand.chance(0.05);
    const comments = unhappy ? rand.pick(UNHAPPY) : rand.pick(DEMO_FOLLOW_UPS);
    const rating = unhappy ? 2 + rand.int(2) : comments.includes('基本满意') ? 4 : 5;
    const first = this.call(at, agent, rating, comments);
    if (!first.dedicated) return { taskId: first.taskId, reason: `回访完成：评分 ${rating} 分，${comments}` };
    // The dedicated visit: within its 3 working days, usually the next day or two.
    const later = 20 * HOUR + rand() * 30 * HOUR;
    if (!waitDedicated(later)) return null;
    const fixed = rand.pick(MADE_GOOD);
    const second = this.call(at + later, agent, 4 + rand.int(2), fixed);
    const task = this.tasks.find((t) => t.id === second.taskId)!;
    return { taskId: second.taskId, reason: `回访完成：评分 ${task.rating} 分，${fixed}` };
  }

  /** Archived without the call: the routine follow-up is no longer due (cancelOpenFollowups). */
  closed(at: number): void {
    for (const t of this.tasks) {
      if (t.status !== 'pending' || t.kind !== 'routine') continue;
      this.sweep(at);
      Object.assign(t, { status: 'cancelled', closeReason: '工单已回访或归档', updatedAt: at });
      t.clock.cancelAll(at);
    }
  }

  /** ticketSatisfaction: the newest rating (by update, then creation), null before any call was answered. */
  satisfaction(): number | null {
    const rated = this.tasks.filter((t) => t.rating !== null);
    rated.sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
    return rated[0]?.rating ?? null;
  }

  write(add: (table: 'followup_tasks' | 'sla_clocks' | 'events' | 'chain_heads', row: Row) => void): void {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    for (const t of this.tasks) {
      add('followup_tasks', {
        id: t.id,
        ticket_id: this.ticket.id,
        ticket_number: this.ticket.number,
        kind: t.kind,
        status: t.status,
        parent_id: t.parentId,
        agent_id: this.ticket.ownerId,
        priority: this.ticket.priority,
        resolved_at: iso(t.kind === 'routine' ? t.createdAt : this.tasks[0]!.createdAt),
        call_from: iso(t.callFrom),
        rating: t.rating,
        satisfied: t.satisfied,
        problem_solved: t.problemSolved,
        comments: t.comments,
        attempts: t.attempts,
        close_reason: t.closeReason,
        completed_at: iso(t.completedAt),
        created_at: iso(t.createdAt),
        updated_at: iso(t.updatedAt),
        version: t.version,
      });
      for (const c of t.clock.rows(t.id)) add('sla_clocks', c);
      for (const e of t.chainEvents) add('events', e);
      if (t.chain.length) add('chain_heads', t.chain.head());
    }
  }
}
