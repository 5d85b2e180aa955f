import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR, txContext, type Actor, type AppContext, type TxContext } from '../../context';
import {
  batchGroupKey,
  batchWindow,
  DEFAULT_BATCH_POLICY,
  EMERGENCY_PLAN_SPEC,
  EMERGENCY_PLAN_TARGET,
  INCIDENT_LIFECYCLE,
  type BatchPolicy,
  type IncidentKind,
  type IncidentStatus,
} from '../../domain/reports/batch-failure';
import { localDate } from '../../domain/shared/local-date';
import { notFound } from '../../domain/shared/errors';
import { enqueue } from '../../jobs/outbox';
import { appendEvent } from '../audit/audit.service';
import { cancelClocks, clocksOfSubject, startClock, stopClock } from '../sla/subject-clocks';
import { INCIDENT_SUBJECT, lockIncidents } from './incidents.sla-subject';
import { reportIncidents, reportTicketFacts as f, type IncidentRow } from './reports.tables';

const DAY = 86_400_000;

interface Candidate {
  kind: IncidentKind;
  groupKey: string;
  productModelId: string | null;
  batch: string | null;
  faultCategory: string | null;
  ticketIds: string[];
}

/**
 * After a ticket's facts changed (outbox `reports.incident_check`): does it make its (model, batch,
 * fault) group a batch failure, or is it a safety event? Either raises an incident — or adds the
 * ticket to the group's open one. Lock order: the incident row (step 1), its plan clock (2), its
 * chain (3), the announcement (4); the facts are only read.
 */
export async function checkIncident(ctx: TxContext, ticketId: string, policy: BatchPolicy = DEFAULT_BATCH_POLICY): Promise<void> {
  const [fact] = await ctx.tx.select().from(f).where(eq(f.ticketId, ticketId));
  if (!fact) return;
  const found: Candidate[] = [];
  if (fact.safetyEvent) {
    found.push({
      kind: 'safety_event',
      groupKey: `safety:${ticketId}`,
      productModelId: fact.productModelId,
      batch: fact.batch,
      faultCategory: fact.faultCategory,
      ticketIds: [ticketId],
    });
  }
  if (fact.faultCategory && fact.productModelId) {
    const span = policy.windowDays * DAY;
    const group = await ctx.tx
      .select({ ticketId: f.ticketId, receivedAt: f.receivedAt })
      .from(f)
      .where(
        and(
          eq(f.productModelId, fact.productModelId),
          eq(f.faultCategory, fact.faultCategory),
          fact.batch === null ? isNull(f.batch) : eq(f.batch, fact.batch),
          gt(f.receivedAt, new Date(fact.receivedAt.getTime() - span)),
          lte(f.receivedAt, new Date(fact.receivedAt.getTime() + span)),
        ),
      );
    const window = batchWindow(group, policy);
    if (window?.some((t) => t.ticketId === ticketId)) {
      found.push({
        kind: 'batch_failure',
        groupKey: batchGroupKey({ productModelId: fact.productModelId, batch: fact.batch, faultCategory: fact.faultCategory }),
        productModelId: fact.productModelId,
        batch: fact.batch,
        faultCategory: fact.faultCategory,
        ticketIds: window.map((t) => t.ticketId),
      });
    }
  }
  for (const c of found) await raiseIncident(ctx, c);
}

async function raiseIncident(ctx: TxContext, c: Candidate): Promise<void> {
  const now = ctx.clock.now();
  const id = randomUUID();
  const number = `YJ${localDate(now).replaceAll('-', '')}-${id.slice(0, 4).toUpperCase()}`;
  const [row] = await ctx.tx
    .insert(reportIncidents)
    .values({
      id,
      number,
      kind: c.kind,
      status: 'open',
      groupKey: c.groupKey,
      productModelId: c.productModelId,
      batch: c.batch,
      faultCategory: c.faultCategory,
      ticketIds: c.ticketIds,
      raisedAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: reportIncidents.groupKey,
      targetWhere: sql`status <> 'closed'`,
      set: {
        ticketIds: sql`(select jsonb_agg(x order by x) from (select distinct jsonb_array_elements_text(${reportIncidents.ticketIds} || excluded.ticket_ids) x) s)`,
        updatedAt: now,
      },
    })
    .returning({ id: reportIncidents.id, number: reportIncidents.number, ticketIds: reportIncidents.ticketIds, inserted: sql<boolean>`(xmax = 0)` });
  const incident = row!;
  if (!incident.inserted) {
    await appendEvent(ctx.tx, ctx, {
      subjectType: INCIDENT_SUBJECT,
      subjectId: incident.id,
      type: 'incident_tickets',
      actor: SYSTEM_ACTOR,
      visibility: 'internal',
      data: { ticketIds: incident.ticketIds },
    });
    return;
  }
  const clock = await startClock(ctx.tx, ctx, {
    subjectType: INCIDENT_SUBJECT,
    subjectId: incident.id,
    target: EMERGENCY_PLAN_TARGET,
    startedAt: now,
    spec: EMERGENCY_PLAN_SPEC,
  });
  await appendEvent(ctx.tx, ctx, {
    subjectType: INCIDENT_SUBJECT,
    subjectId: incident.id,
    type: 'incident_raised',
    actor: SYSTEM_ACTOR,
    visibility: 'internal',
    data: { kind: c.kind, productModelId: c.productModelId, batch: c.batch, faultCategory: c.faultCategory, ticketIds: c.ticketIds, rule: '004 §四(五)' },
  });
  await enqueue(ctx.tx, now, 'reports.incident_raised', {
    incidentId: incident.id,
    number: incident.number,
    kind: c.kind,
    productModelId: c.productModelId,
    batch: c.batch,
    faultCategory: c.faultCategory,
    ticketIds: incident.ticketIds,
    planDueAt: clock!.dueAt.toISOString(),
  });
}

export async function listIncidents(ctx: Pick<AppContext, 'db'>, q: { status?: IncidentStatus; limit: number }) {
  return ctx.db
    .select()
    .from(reportIncidents)
    .where(q.status ? eq(reportIncidents.status, q.status) : undefined)
    .orderBy(desc(reportIncidents.raisedAt), desc(reportIncidents.id))
    .limit(q.limit);
}

export async function getIncident(ctx: Pick<AppContext, 'db'>, id: string): Promise<IncidentRow> {
  const [row] = await ctx.db.select().from(reportIncidents).where(eq(reportIncidents.id, id));
  if (!row) throw notFound('incident', id);
  return row;
}

export const incidentClocks = (ctx: Pick<AppContext, 'db'>, id: string) => clocksOfSubject(ctx.db, INCIDENT_SUBJECT, id);

/** 出具处理方案 / 结案: one transition of the incident's lifecycle, its plan clock stopped or cancelled. */
export async function moveIncident(
  ctx: AppContext,
  id: string,
  input: { to: IncidentStatus; plan?: string | null; reason?: string | null },
  actor: Actor,
): Promise<IncidentRow> {
  return ctx.db.transaction(async (tx) => {
    const inTx = txContext(ctx, tx);
    if (!(await lockIncidents(tx, [id])).length) throw notFound('incident', id);
    const [before] = await tx.select().from(reportIncidents).where(eq(reportIncidents.id, id));
    INCIDENT_LIFECYCLE.assertTransition(before!.status, input.to, { reason: input.reason ?? null, plan: input.plan ?? null });
    const now = ctx.clock.now();
    const set: Partial<IncidentRow> =
      input.to === 'plan_submitted' ? { plan: input.plan!.trim(), planSubmittedAt: now } : { closedAt: now, closeReason: input.reason?.trim() || null };
    const [after] = await tx
      .update(reportIncidents)
      .set({ ...set, status: input.to, updatedAt: now, version: sql`${reportIncidents.version} + 1` })
      .where(eq(reportIncidents.id, id))
      .returning();
    // Step 2: the plan clock — met (or late) when the plan is in; a closed incident owes nothing more.
    if (input.to === 'plan_submitted') await stopClock(tx, inTx, { subjectType: INCIDENT_SUBJECT, subjectId: id, target: EMERGENCY_PLAN_TARGET, at: now });
    else await cancelClocks(tx, inTx, { subjectType: INCIDENT_SUBJECT, subjectId: id, targets: 'all', at: now });
    await appendEvent(tx, ctx, {
      subjectType: INCIDENT_SUBJECT,
      subjectId: id,
      type: 'incident_status_changed',
      actor,
      visibility: 'internal',
      body: input.plan ?? input.reason ?? null,
      data: { before: { status: before!.status }, after: { status: input.to } },
    });
    return after!;
  });
}

/** Incidents raised in [start, end), oldest first (the monthly report lists them). */
export async function incidentsRaisedBetween(db: Pick<AppContext, 'db'>['db'], start: Date, end: Date): Promise<IncidentRow[]> {
  return db
    .select()
    .from(reportIncidents)
    .where(and(sql`${reportIncidents.raisedAt} >= ${start.toISOString()}`, sql`${reportIncidents.raisedAt} < ${end.toISOString()}`))
    .orderBy(reportIncidents.raisedAt);
}
