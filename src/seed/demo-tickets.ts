import type { Actor } from '../context';
import { AppError } from '../domain/shared/errors';
import { listFollowups, recordCall } from '../modules/followups/followups.service';
import { detectBreaches } from '../modules/sla/breach.service';
import { decideExplanation, submitExplanation } from '../modules/sla/timeout.service';
import { addTicketEvent, createTicket, loadTicket, transitionTicket, updateTicket, type TicketDeps } from '../modules/tickets/tickets.service';
import { attachDemoFile } from './demo-files';
import { DEMO_EXPLANATIONS, DEMO_FOLLOW_UPS, type DemoProblem } from './demo-problems';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface DemoCast {
  agents: Actor[];
  engineers: Actor[];
  manager: Actor;
}
export interface DemoUnit {
  id: string;
  customerId: string;
  serialNumber: string;
}

/**
 * One ticket's story, written at its real past instants. The server's SLA sweeps run on the real
 * clock meanwhile, so the story keeps the early targets it claims to keep: open work is recent and
 * answered within minutes (or registered from a call, which the conversation answers), history was
 * resolved within its grade's time except for the few that were late and explained.
 */
export class DemoStory {
  private at: number;
  private readonly ctx: TicketDeps;
  constructor(
    base: TicketDeps,
    private readonly rand: () => number,
    private readonly now: number,
    receivedAt: number,
  ) {
    this.at = receivedAt;
    this.ctx = { ...base, clock: { now: () => new Date(this.at) } };
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }
  nowAt(): number {
    return this.at;
  }
  /** Moves the story's clock on, never past the present. */
  wait(ms: number): void {
    this.at = Math.min(this.at + ms, this.now - MIN);
  }

  async create(problem: DemoProblem, unit: DemoUnit, channel: string, cast: DemoCast) {
    const agent = this.pick(cast.agents);
    // On a call the agent grades while the customer is still on the line; written requests wait for a person.
    const spoken = channel === 'phone' || channel === 'walk_in';
    const t = await createTicket(
      this.ctx,
      {
        channel: channel as never,
        requestType: problem.type,
        title: problem.title,
        description: problem.text,
        customerId: unit.customerId,
        serialUnitId: unit.id,
        ...(spoken ? { priority: problem.priority, priorityReason: '按问题分级标准评定' } : {}),
      },
      agent,
      { receivedAt: new Date(this.at) },
    );
    return { id: t.id, agent, spoken };
  }

  /** Grade (written channels), answer the customer, hand to an engineer and start work. */
  async takeUp(id: string, problem: DemoProblem, spoken: boolean, agent: Actor, owner: Actor, replyAfterMs: number) {
    this.wait(replyAfterMs);
    if (!spoken) await updateTicket(this.ctx, id, { priority: problem.priority, priorityReason: '按问题分级标准评定' }, agent);
    await addTicketEvent(this.ctx, id, 'public_reply', problem.reply, agent);
    // Urgent work is handed over at once: its first progress report is due half an hour after receipt.
    const quick = problem.priority === 'urgent';
    this.wait(quick ? MIN + this.rand() * 2 * MIN : 2 * MIN + this.rand() * 5 * MIN);
    await updateTicket(this.ctx, id, { ownerId: owner.id }, agent);
    this.wait(quick ? MIN + this.rand() * 3 * MIN : 5 * MIN + this.rand() * 20 * MIN);
    await transitionTicket(this.ctx, id, 'in_progress', null, owner);
  }

  /** Urgent work tells the customer how it goes well within every half hour (progressUpdate). */
  async keepInformed(id: string, owner: Actor, until: number) {
    const lines = ['工程师已出发，预计一小时内到达现场。', '工程师已到场，正在排查故障。', '故障点已找到，正在更换部件。', '部件已更换，正在试运行。'];
    for (let k = 0; k === 0 || (this.at + 22 * MIN < until && k < 16); k++) {
      this.wait(k === 0 ? MIN + this.rand() * 2 * MIN : 15 * MIN + this.rand() * 7 * MIN);
      await addTicketEvent(this.ctx, id, 'progress_update', lines[Math.min(k, lines.length - 1)]!, owner);
    }
  }

  /** What the server's sweep would have seen at this instant: a late story's overdue clocks. */
  async sweep() {
    while ((await detectBreaches(this.ctx)) > 0);
  }

  async note(id: string, problem: DemoProblem, owner: Actor) {
    if (!problem.note) return;
    this.wait(10 * MIN + this.rand() * 30 * MIN);
    await addTicketEvent(this.ctx, id, 'internal_note', problem.note, owner);
  }

  async attach(id: string, serial: string, owner: Actor) {
    await attachDemoFile(this.ctx, id, this.pick(['photo', 'report', 'log'] as const), serial, owner);
  }

  async move(
    id: string,
    to: 'waiting_customer' | 'waiting_parts' | 'in_progress' | 'resolved' | 'cancelled',
    actor: Actor,
    afterMs: number,
    reason: string | null = null,
  ) {
    this.wait(afterMs);
    // The demo's reason doubles as what was done and which part is awaited (guards of the lifecycle).
    const note = reason ?? '已处理';
    await transitionTicket(this.ctx, id, to, reason, actor, { resolution: { solutionType: 'repair', summary: note }, part: { name: note } });
  }

  /** The agent calls the customer on the ticket's routine follow-up task: a satisfied rating moves it to 已回访. */
  async followUp(id: string, agent: Actor, afterMs: number) {
    this.wait(afterMs);
    const [task] = await listFollowups(this.ctx, { status: 'pending', kind: 'routine', ticketId: id, limit: 1 }, agent);
    if (!task) return;
    const comments = this.pick(DEMO_FOLLOW_UPS);
    await recordCall(
      this.ctx,
      task.id,
      { channel: 'phone', outcome: 'reached', rating: comments.includes('基本满意') ? 4 : 5, problemSolved: true, comments },
      agent,
    );
  }

  /** Archiving an overdue ticket needs an approved timeout explanation (超时说明), as in real work. */
  private async explainIfOverdue(id: string, owner: Actor, manager: Actor) {
    if (!(await loadTicket(this.ctx.db, id)).slaBreached) return;
    const ex = await submitExplanation(this.ctx, id, this.pick(DEMO_EXPLANATIONS), owner);
    this.wait(2 * HOUR);
    await decideExplanation(this.ctx, id, ex.id, true, '情况属实，同意归档', manager);
  }

  /** A sweep may mark the ticket overdue between the check and the archiving: explain it then. */
  async archive(id: string, owner: Actor, manager: Actor, afterMs: number) {
    this.wait(afterMs);
    await this.explainIfOverdue(id, owner, manager);
    try {
      await transitionTicket(this.ctx, id, 'closed', null, owner);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'timeout_explanation_required') throw err;
      await this.explainIfOverdue(id, owner, manager);
      await transitionTicket(this.ctx, id, 'closed', null, owner);
    }
  }
}

/** How long the grade allows to resolve, less a margin: what an on-time team takes at most. */
export function onTimeResolution(priority: DemoProblem['priority'], rand: () => number): number {
  if (priority === 'urgent') return HOUR + rand() * 3 * HOUR;
  if (priority === 'important') return 3 * HOUR + rand() * 40 * HOUR;
  return 4 * HOUR + rand() * 40 * HOUR;
}

export const TIME = { MIN, HOUR, DAY };
