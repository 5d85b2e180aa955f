import type { CalendarSet } from '../../domain/calendar';
import { resolveTargets, targetsPausedBy, type TargetName } from '../../domain/sla';
import type { OutcomeClock } from '../../domain/reports/ticket-outcome';
import type { Channel, Priority } from '../../domain/ticket/ticket.schemas';
import type { SolutionType, TicketStatus } from '../../domain/ticket/ticket.status';
import { ticketFactsRow } from '../../modules/reports/facts';
import type { TicketRow } from '../../modules/tickets/tickets.service';
import { appendSearchText, newSearchText, type SearchText } from '../../modules/tickets/search';
import { DEMO_EXPLANATIONS, type DemoProblem } from '../demo-problems';
import type { Staff, StaffMember, Unit } from './cast';
import { ChainBuilder, type ChainActor } from './chain';
import { TicketFollowups } from './followups';
import { MET_BY_CONTACT, TicketClocks, type Announcement, type SlaPolicyRow } from './clocks';
import type { Rand } from './random';
import { ASKS, CONTEXTS, EXTRA_SYMPTOMS, PARTS, RESOLUTIONS, WAITING_CUSTOMER } from './vocabulary';
import { snakeRow, type BatchWriter } from './writer';

// One ticket's life written as the use cases would have written it at its real instants: the row
// (with the search text create-ticket and add-ticket-event compute), every timeline event on its hash
// chain (the ones the audit replayer reads carry the same before/after as the use cases), the clocks,
// and a 超时说明 approved before an overdue ticket is archived. A story stops where its ticket is
// stuck (the open backlog) or at the present, whichever comes first.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Where an open ticket waits today; 'done' runs the story to the archive. */
export type Fate = 'received' | 'graded' | 'in_progress' | 'waiting_customer' | 'waiting_parts' | 'done' | 'cancelled';

export interface StoryEnv {
  rand: Rand;
  now: number;
  staff: Staff;
  calendars: CalendarSet;
  policy: SlaPolicyRow;
  mac: (s: string) => string;
  out: BatchWriter;
  /** The triage rule's safety wording (requestSaysSafety), remembered per request text. */
  saysSafety: (title: string, description: string) => boolean;
}

export interface StoryInput {
  number: string;
  receivedAt: number;
  unit: Unit;
  problem: DemoProblem;
  channel: string;
  fate: Fate;
}

const SPOKEN = new Set(['phone', 'walk_in']);
const SOLUTION: Record<string, SolutionType> = {
  return: 'return_refund',
  refund: 'return_refund',
  exchange: 'replace',
  replacement: 'replace',
  consultation: 'consultation_training',
  training: 'consultation_training',
};

function describe(rand: Rand, problem: DemoProblem, family: string): string {
  const parts = [rand.chance(0.7) ? `${rand.pick(CONTEXTS)}，${problem.text}` : problem.text];
  const extra = EXTRA_SYMPTOMS[family];
  if (extra && rand.chance(0.45)) parts.push(rand.pick(extra));
  const ask = rand.pick(ASKS);
  if (ask) parts.push(ask);
  return `${parts.join('。')}。`;
}

function grade(rand: Rand, p: Priority): Priority {
  // What the caller calls urgent is often graded important once the agent knows the impact.
  if (p === 'urgent' && rand.chance(0.45)) return 'important';
  if (rand.chance(0.85)) return p;
  return rand.pick(['urgent', 'important', 'general'] as const);
}

/** How long the grade allows, less a margin, for an on-time team (the demo's onTimeResolution). */
function workTime(rand: Rand, p: Priority): number {
  if (p === 'urgent') return HOUR + rand() * 3 * HOUR;
  if (p === 'important') return 3 * HOUR + rand() * 40 * HOUR;
  return 4 * HOUR + rand() * 60 * HOUR;
}

export function writeStory(env: StoryEnv, s: StoryInput): { status: TicketStatus } {
  const { rand, staff, now } = env;
  const id = rand.uuid();
  const spoken = SPOKEN.has(s.channel);
  const agent = rand.pick(staff.agents);
  const owner = rand.pick(staff.engineers);
  const priority = grade(rand, s.problem.priority);
  const description = describe(rand, s.problem, s.unit.family);
  const title = s.problem.title;
  const received = new Date(s.receivedAt);
  const receivedIso = received.toISOString();
  const row = {
    id,
    number: s.number,
    channel: s.channel,
    requestType: s.problem.type,
    status: (spoken ? 'graded' : 'received') as TicketStatus,
    title,
    description,
    priority: spoken ? priority : null,
    priorityReason: spoken ? '按问题分级标准评定' : null,
    gradedById: spoken ? agent.id : null,
    gradedAt: spoken ? receivedIso : null,
    // A written request states its urgency; grading agrees with it, so the clocks keep their targets.
    customerUrgency: spoken ? null : priority,
    customerId: s.unit.customer.id,
    contactId: s.unit.customer.contactId,
    serialUnitId: s.unit.id,
    productModelId: s.unit.modelId,
    occurredAt: null,
    environment: null,
    triedSteps: null,
    recorderId: agent.id,
    ownerId: null as string | null,
    team: null as string | null,
    receivedAt: receivedIso,
    createdAt: receivedIso,
    updatedAt: receivedIso,
  };
  let search: SearchText = newSearchText([s.number, s.unit.customer.name, s.unit.serialNumber, title, description, '', '']);
  const events: Record<string, unknown>[] = [];
  const chain = new ChainBuilder('ticket', id, env.mac, events);
  const specs = resolveTargets(env.policy, s.problem.type, priority);
  const clocks = new TicketClocks(env.calendars, env.policy, specs, rand.uuid, () => 300 + rand.int(1200));
  let followups: TicketFollowups | null = null;
  let t = s.receivedAt;
  let status: TicketStatus = row.status;
  let version = 1;
  let updatedAt = t;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let ownerId: string | null = null;
  let team: string | null = null;
  const explanations: Record<string, unknown>[] = [];

  const announce = (list: Announcement[]) => {
    for (const a of list) chain.append({ type: a.type, actor: null, at: a.at, data: a.data });
  };
  const touch = () => {
    version++;
    updatedAt = t;
  };
  /** Moves time on; false when the step would lie in the future (the story ends there). */
  const wait = (ms: number): boolean => {
    if (t + ms > now - MIN) return false;
    t += ms;
    announce(clocks.sweep(t));
    return true;
  };
  const transition = (to: TicketStatus, actor: ChainActor, reason: string | null, extra: Record<string, unknown> = {}) => {
    const before = status;
    status = to;
    touch();
    if (to === 'resolved') resolvedAt = t;
    if (to === 'closed' || to === 'cancelled') closedAt = t;
    chain.append({
      type: 'status_changed',
      actor,
      at: t,
      body: reason,
      data: { before: { status: before }, after: { status: to }, ...(reason ? { reason } : {}), ...extra },
    });
    // applyStatusChange (src/modules/sla/clocks.service.ts)
    const stopsAll = to === 'resolved' || to === 'followed_up' || to === 'closed';
    if (!stopsAll) announce(clocks.stop(['acknowledge'], t));
    if (to === 'cancelled') clocks.cancelAll(t);
    // The follow-up deadline is the follow-up task's clock, not the ticket's (src/modules/followups).
    else if (stopsAll) announce(clocks.stop('all', t));
    else announce(clocks.applyPauses(targetsPausedBy(to), t));
  };
  const say = (type: 'public_reply' | 'progress_update' | 'internal_note', actor: ChainActor, body: string) => {
    touch();
    chain.append({ type, actor, at: t, visibility: type === 'internal_note' ? 'internal' : 'public', body });
    search = appendSearchText(search, body);
    if (type === 'internal_note') return;
    announce(clocks.stop(MET_BY_CONTACT, t));
    if (type === 'progress_update' && priority === 'urgent') {
      announce(clocks.stop(['progressUpdate'], t));
      clocks.start('progressUpdate', new Date(t));
    }
  };

  // 受理 registration (create-ticket.ts): created, graded at once on a call.
  chain.append({ type: 'created', actor: agent, at: t, data: { after: row } });
  clocks.startAtReceipt(received, s.channel);
  if (spoken) chain.append({ type: 'graded', actor: agent, at: t, data: { after: { priority, reason: row.priorityReason } } });

  const stuck = (at: Fate) => s.fate === at;
  story: {
    if (s.fate === 'received' && !spoken) break story;
    if (!spoken) {
      // 分级 by a person: a few written requests wait far longer than the acknowledgement allows.
      if (!wait(rand.chance(0.08) ? 20 * MIN + rand() * 3 * HOUR : 2 * MIN + rand() * 8 * MIN)) break story;
      touch();
      status = 'graded';
      chain.append({
        type: 'graded',
        actor: agent,
        at: t,
        data: { before: { priority: null, reason: null }, after: { priority, reason: '按问题分级标准评定' } },
      });
      chain.append({ type: 'status_changed', actor: agent, at: t, data: { before: { status: 'received' }, after: { status: 'graded' } } });
      announce(clocks.stop(['acknowledge'], t));
    }
    if (stuck('received')) break story;
    if (s.fate === 'cancelled') {
      if (!wait(10 * MIN + rand() * 4 * HOUR)) break story;
      transition('cancelled', agent, '客户撤回请求');
      break story;
    }
    const firstResponse = { urgent: 30 * MIN, important: 2 * HOUR, general: 4 * HOUR }[priority];
    if (!wait(rand.chance(0.06) ? firstResponse * (1 + rand()) : firstResponse * 0.05 + rand() * firstResponse * 0.4)) break story;
    say('public_reply', agent, s.problem.reply);
    if (stuck('graded')) break story;
    if (!wait(priority === 'urgent' ? MIN + rand() * 2 * MIN : 2 * MIN + rand() * 8 * MIN)) break story;
    touch();
    ownerId = owner.id;
    team = owner.team;
    chain.append({ type: 'assigned', actor: agent, at: t, data: { before: { ownerId: null }, after: { ownerId: owner.id } } });
    announce(clocks.stop(['acknowledge'], t));
    if (!wait(priority === 'urgent' ? MIN + rand() * 3 * MIN : 5 * MIN + rand() * 20 * MIN)) break story;
    transition('in_progress', owner, null);
    const late = rand.chance(0.1);
    const work = workTime(rand, priority) * (late ? 3 + rand() * 4 : 1);
    const workEnd = t + work;
    if (priority === 'urgent') {
      const lines = ['工程师已出发，预计一小时内到达现场。', '工程师已到场，正在排查故障。', '故障点已找到，正在更换部件。', '部件已更换，正在试运行。'];
      for (let k = 0; t + 22 * MIN < workEnd && k < (stuck('done') ? 6 : 3); k++) {
        if (!wait(15 * MIN + rand() * 7 * MIN)) break story;
        say('progress_update', owner, lines[Math.min(k, lines.length - 1)]!);
      }
    }
    if (rand.chance(0.5) && s.problem.note) {
      if (!wait(10 * MIN + rand() * 30 * MIN)) break story;
      say('internal_note', owner, s.problem.note);
    }
    if (stuck('in_progress')) break story;
    const parts = stuck('waiting_parts') || (stuck('done') && priority !== 'urgent' && rand.chance(0.2));
    const customer = stuck('waiting_customer') || (stuck('done') && priority !== 'urgent' && rand.chance(0.1));
    if (parts) {
      if (!wait(work / 4)) break story;
      const part = rand.pick(PARTS);
      transition('waiting_parts', owner, '等待备件到货', { part: { name: part } });
      if (stuck('waiting_parts')) break story;
      if (!wait(DAY + rand() * 4 * DAY)) break story;
      transition('in_progress', owner, '备件已到货');
    }
    if (customer) {
      if (!wait(HOUR + rand() * 3 * HOUR)) break story;
      transition('waiting_customer', owner, rand.pick(WAITING_CUSTOMER));
      if (stuck('waiting_customer')) break story;
      if (!wait(2 * HOUR + rand() * 2 * DAY)) break story;
      transition('in_progress', owner, '客户已反馈');
    }
    if (!wait(Math.max(5 * MIN, workEnd - t))) break story;
    transition('resolved', owner, null, { resolution: { solutionType: SOLUTION[s.problem.type] ?? 'repair', summary: rand.pick(RESOLUTIONS) } });
    // Resolving creates the routine follow-up task (回访); 已回访 comes from its call, not a bare move.
    followups = new TicketFollowups(env, { id, number: s.number, priority, ownerId }, specs.followUp, (e) => chain.append({ ...e, visibility: 'internal' }));
    followups.resolved(t, owner);
    if (rand.chance(0.8)) {
      if (!wait((priority === 'urgent' ? 2 : 6 + rand() * 40) * HOUR)) break story;
      const answered = followups.followUp(t, agent, wait);
      if (!answered) break story;
      transition('followed_up', agent, answered.reason, { followupTaskId: answered.taskId });
    }
    if (!wait(HOUR + rand() * 2 * DAY)) break story;
    if (clocks.overdue()) {
      // Archiving an overdue ticket needs an approved 超时说明 (timeout.service.ts).
      const manager = rand.pick(staff.managers);
      const explanationId = rand.uuid();
      const text = rand.pick(DEMO_EXPLANATIONS);
      chain.append({ type: 'timeout_explanation_submitted', actor: owner, at: t, body: text, data: { explanationId } });
      const submittedAt = t;
      if (!wait(HOUR + rand() * 4 * HOUR)) {
        explanations.push(explanationRow(explanationId, id, text, owner, submittedAt, null, null));
        break story;
      }
      chain.append({ type: 'timeout_explanation_approved', actor: manager, at: t, body: '情况属实，同意归档', data: { explanationId } });
      explanations.push(explanationRow(explanationId, id, text, owner, submittedAt, manager, t));
      if (!wait(10 * MIN + rand() * HOUR)) break story;
    }
    followups?.closed(t);
    transition('closed', owner, null);
  }
  followups?.sweep(now - MIN);
  // What the sweep has recorded by now on work still running.
  announce(clocks.sweep(now - MIN));

  const summary = clocks.summary(now);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  env.out.add('tickets', {
    id,
    number: row.number,
    channel: row.channel,
    request_type: row.requestType,
    status,
    title,
    description,
    priority: status === 'received' ? null : priority,
    priority_reason: status === 'received' ? null : '按问题分级标准评定',
    graded_by_id: status === 'received' ? null : agent.id,
    graded_at: status === 'received' ? null : (row.gradedAt ?? iso(firstGradeAt(events))),
    customer_urgency: row.customerUrgency,
    customer_id: row.customerId,
    contact_id: row.contactId,
    serial_unit_id: row.serialUnitId,
    product_model_id: row.productModelId,
    recorder_id: agent.id,
    owner_id: ownerId,
    team,
    received_at: receivedIso,
    created_at: receivedIso,
    updated_at: iso(updatedAt),
    resolved_at: iso(resolvedAt),
    closed_at: iso(closedAt),
    version,
    sla_policy_id: env.policy.id,
    sla_state: summary.slaState,
    sla_next_due_at: summary.slaNextDueAt,
    sla_breached: summary.slaBreached,
    search_plain: search.searchPlain,
    search_words: search.searchWords,
  });
  const clockRows = clocks.rows(id);
  for (const c of clockRows) env.out.add('sla_clocks', c);
  for (const e of events) env.out.add('events', e);
  env.out.add('chain_heads', chain.head());
  for (const x of explanations) env.out.add('timeout_explanations', x);
  followups?.write((table, row) => env.out.add(table, row));
  // 服务质量事实 the row refreshFactsOf computes from what was just written (no repair orders here).
  const { row: facts } = ticketFactsRow({
    ticket: {
      id,
      version,
      receivedAt: received,
      team,
      ownerId,
      recorderId: agent.id,
      customerId: s.unit.customer.id,
      channel: s.channel as Channel,
      requestType: s.problem.type,
      priority: status === 'received' ? null : priority,
      serialUnitId: s.unit.id,
      status,
      slaState: summary.slaState as TicketRow['slaState'],
      resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
    },
    clocks: clockRows.map((c) => ({ target: String(c.target), status: c.status as OutcomeClock['status'] })),
    repairs: [],
    model: { id: s.unit.modelId, category: s.unit.category },
    batch: s.unit.batch,
    province: s.unit.customer.province,
    satisfaction: followups?.satisfaction() ?? null,
    safetyEvent: env.saysSafety(title, description),
    reopened: false,
    now: new Date(now),
  });
  env.out.add('report_ticket_facts', snakeRow(facts));
  return { status };
}

function firstGradeAt(events: Record<string, unknown>[]): number | null {
  const e = events.find((x) => x.type === 'graded');
  return e ? Date.parse(e.at as string) : null;
}

function explanationRow(
  id: string,
  ticketId: string,
  text: string,
  owner: StaffMember,
  submittedAt: number,
  manager: StaffMember | null,
  decidedAt: number | null,
) {
  return {
    id,
    ticket_id: ticketId,
    text,
    status: manager ? 'approved' : 'pending',
    submitted_by_id: owner.id,
    submitted_at: new Date(submittedAt).toISOString(),
    decided_by_id: manager?.id ?? null,
    decided_at: decidedAt === null ? null : new Date(decidedAt).toISOString(),
    decision_note: manager ? '情况属实，同意归档' : null,
  };
}

export type { TargetName };
