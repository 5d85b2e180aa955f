import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { sharedRead, type AppContext, type EitherContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { CalendarSet, CalendarWarning } from '../../domain/calendar';
import type { Lifecycle } from '../../domain/lifecycle';
import * as domain from '../../domain/sla';
import type { SlaClock, TargetName, TargetSpec } from '../../domain/sla';
import type { Priority, RequestType } from '../../domain/ticket/ticket.schemas';
import { enqueue } from '../../jobs/outbox';
import { announce } from './announce';
import { loadCalendars } from './calendars.service';
import { clockColumns, isOpen, toDomainClock } from './clock-rows';
import { contractOverridesFor, contractOverridesKey, defaultPolicy, getPolicy } from './policies.service';
import { slaClocks, type ClockRow } from './sla.tables';
import { SLA_SUBJECTS, subjectOf, type SlaSubjects } from './subjects';

// Clocks of any subject, driven by the subject's own use case inside its own transaction, which
// already holds the subject's row lock (step 1 of src/db/lock-order.ts): a clock is only ever
// changed under its subject's lock, which is what keeps the sweeps (breach.service.ts) and the
// writers from recording a breach twice or deadlocking. A clock that stops or pauses late is
// recorded as a breach here, on the subject's chain, exactly like the sweep records one.

/** What clock functions use: the time, the audit key, and a cache scope (an AppContext or a TxContext). */
export type ClockCtx = Pick<AppContext, 'clock' | 'keys'> & EitherContext;

export interface SubjectKey {
  subjectType: string;
  subjectId: string;
  /** The subject types known to this process (default: this product's); tests add their own. */
  subjects?: SlaSubjects;
}

/** Which of the subject's open clocks a call concerns. */
export type Targets = readonly TargetName[] | 'all';

/** The terms a subject's promises come from: its ticket's request type, grade and customer (contract). */
export interface PolicyTerms {
  policyId: string | null;
  requestType: RequestType;
  priority: Priority;
  customerId: string;
  /** The contract in force at this instant applies. */
  at: Date;
}

/** The policy row (the given version, else the default) and every target it promises for these terms. */
export async function resolveSpecs(tx: DbOrTx, ctx: ClockCtx, terms: PolicyTerms) {
  const policy = terms.policyId ? await getPolicy(tx, terms.policyId) : await defaultPolicy(ctx, tx);
  // Read once per creation: ticket creation may already have read it with the customer.
  const overrides = await sharedRead(ctx, contractOverridesKey(terms.customerId, terms.at), () => contractOverridesFor(tx, terms.customerId, terms.at));
  return { policy, specs: domain.resolveTargets(policy, terms.requestType, terms.priority, overrides) };
}

export async function warnMissingYears(tx: DbOrTx, ctx: ClockCtx, warnings: CalendarWarning[]): Promise<void> {
  for (const w of warnings) await enqueue(tx, ctx.clock.now(), 'sla.calendar_year_missing', { ...w });
}

export async function clocksOfSubject(db: DbOrTx, subjectType: string, subjectId: string): Promise<ClockRow[]> {
  return db
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectType, subjectType), eq(slaClocks.subjectId, subjectId)))
    .orderBy(asc(slaClocks.startedAt), asc(slaClocks.target));
}

/** The clocks of many subjects of one type, by subject id (in each, the order of clocksOfSubject). */
export async function clocksOfSubjects(db: DbOrTx, subjectType: string, subjectIds: readonly string[]): Promise<Map<string, ClockRow[]>> {
  const out = new Map<string, ClockRow[]>(subjectIds.map((id) => [id, []]));
  if (!subjectIds.length) return out;
  const rows = await db
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectType, subjectType), inArray(slaClocks.subjectId, [...subjectIds])))
    .orderBy(asc(slaClocks.startedAt), asc(slaClocks.target));
  for (const r of rows) out.get(r.subjectId)?.push(r);
  return out;
}

export type StartClockInput = SubjectKey & {
  target: TargetName;
  startedAt: Date;
} & (
    | { /** The promise, when the caller knows it. */ spec: TargetSpec; policyId?: string | null }
    | { /** Resolve the promise from the policy and contract, like a ticket's. */ terms: PolicyTerms }
  );

/**
 * Starts a clock for the subject. With `terms`, a target the policy does not promise for them starts
 * nothing (null): not every return needs a review deadline under every policy.
 */
export async function startClock(tx: DbOrTx, ctx: ClockCtx, input: StartClockInput): Promise<ClockRow | null> {
  // A clock of a type no sweep knows would never breach: refuse it before it exists.
  subjectOf(input.subjects ?? SLA_SUBJECTS, input.subjectType);
  let spec: TargetSpec;
  let policyId: string | null;
  if ('terms' in input) {
    const { policy, specs } = await resolveSpecs(tx, ctx, input.terms);
    if (!specs[input.target]) return null;
    spec = specs[input.target]!;
    policyId = policy.id;
  } else {
    spec = input.spec;
    policyId = input.policyId ?? null;
  }
  const calendars = await loadCalendars(ctx, tx);
  const { clock, warnings } = domain.startClock(input.target, spec, input.startedAt, calendars);
  const [row] = await tx
    .insert(slaClocks)
    .values({
      id: randomUUID(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      policyId,
      target: input.target,
      ...clockColumns(clock),
      warnAt: domain.warningAt(clock, domain.calendarFor(spec, calendars)),
    })
    .returning();
  await warnMissingYears(tx, ctx, warnings);
  return row!;
}

export async function saveClock(tx: DbOrTx, row: ClockRow, clock: SlaClock, calendars: CalendarSet, extra: Partial<ClockRow> = {}): Promise<ClockRow> {
  const warnAt = clock.status === 'running' ? domain.warningAt(clock, domain.calendarFor(clock.spec, calendars)) : row.warnAt;
  const [saved] = await tx
    .update(slaClocks)
    .set({ ...clockColumns(clock), warnAt, ...extra })
    .where(eq(slaClocks.id, row.id))
    .returning();
  return saved!;
}

/**
 * A breached clock whose step is not done yet: the lateness still grows until the step is done,
 * which records its stoppedAt (issue 9 "A breached clock never stops").
 */
export const isLateRunning = (row: Pick<ClockRow, 'status' | 'stoppedAt'>) => row.status === 'breached' && !row.stoppedAt;

const among = (targets: Targets, row: ClockRow) => targets === 'all' || targets.includes(row.target as TargetName);
const concerns = (targets: Targets) => (row: ClockRow) => isOpen(row) && among(targets, row);

/**
 * Applies `change` to the subject's open clocks among `targets`; a clock it turns breached (stopped
 * or paused after its due time) is recorded as a breach once. Returns the clocks it changed.
 */
async function changeClocks(
  tx: DbOrTx,
  ctx: ClockCtx,
  key: SubjectKey,
  targets: Targets,
  at: Date,
  change: (row: ClockRow, calendars: CalendarSet) => { clock: SlaClock; warnings?: CalendarWarning[] } | null,
  select: (row: ClockRow) => boolean = concerns(targets),
): Promise<ClockRow[]> {
  const rows = (await clocksOfSubject(tx, key.subjectType, key.subjectId)).filter(select);
  if (!rows.length) return [];
  const calendars = await loadCalendars(ctx, tx);
  const changed: ClockRow[] = [];
  const breached: ClockRow[] = [];
  for (const row of rows) {
    const next = change(row, calendars);
    if (!next) continue;
    const late = next.clock.status === 'breached' && !row.breachRecordedAt;
    changed.push(await saveClock(tx, row, next.clock, calendars, late ? { breachRecordedAt: at } : {}));
    if (late) breached.push(row);
    await warnMissingYears(tx, ctx, next.warnings ?? []);
  }
  if (breached.length) {
    const subjects = key.subjects ?? SLA_SUBJECTS;
    await announce(
      tx,
      ctx,
      breached.map((r) => ({ subjectType: r.subjectType, subjectId: r.subjectId, target: r.target, dueAt: r.dueAt, spec: r.spec })),
      'breached',
      at,
      subjects,
    );
  }
  return changed;
}

/**
 * The target was met at `at` (or done late). A clock the sweep already marked breached is stopped
 * too: it keeps status 'breached', so the on-time rates (RULES.md "Records, data and improvement",
 * 004 §四) still count it as missed, and gets its stoppedAt, which fixes its lateness from then on
 * (response time counts from receipt to first contact: RULES.md "Technical handling", 001 §三.6).
 */
export async function stopClocks(tx: DbOrTx, ctx: ClockCtx, input: SubjectKey & { targets: Targets; at: Date }): Promise<ClockRow[]> {
  return changeClocks(
    tx,
    ctx,
    input,
    input.targets,
    input.at,
    (row) => ({ clock: domain.stopClock(toDomainClock(row), input.at) }),
    (row) => (isOpen(row) || isLateRunning(row)) && among(input.targets, row),
  );
}

/** stopClocks for one target. */
export async function stopClock(tx: DbOrTx, ctx: ClockCtx, input: SubjectKey & { target: TargetName; at: Date }): Promise<ClockRow[]> {
  return stopClocks(tx, ctx, { ...input, targets: [input.target] });
}

/** Running clocks stop counting (a clock already past its due time becomes breached instead). */
export async function pauseClocks(tx: DbOrTx, ctx: ClockCtx, input: SubjectKey & { targets: Targets; at: Date }): Promise<ClockRow[]> {
  return changeClocks(tx, ctx, input, input.targets, input.at, (row) =>
    row.status === 'running' ? { clock: domain.pauseClock(toDomainClock(row), input.at) } : null,
  );
}

/** Paused clocks count again; their due time moves later by the working time the pause covered. */
export async function resumeClocks(tx: DbOrTx, ctx: ClockCtx, input: SubjectKey & { targets: Targets; at: Date }): Promise<ClockRow[]> {
  return changeClocks(tx, ctx, input, input.targets, input.at, (row, calendars) =>
    row.status === 'paused' ? domain.resumeClock(toDomainClock(row), input.at, domain.calendarFor(row.spec, calendars)) : null,
  );
}

/** The subject no longer needs these promises (cancelled, or a re-grade dropped the target). */
export async function cancelClocks(tx: DbOrTx, _ctx: ClockCtx, input: SubjectKey & { targets: Targets; at: Date }): Promise<void> {
  if (input.targets !== 'all' && !input.targets.length) return;
  await tx
    .update(slaClocks)
    .set({ status: 'cancelled', stoppedAt: input.at })
    .where(
      and(
        eq(slaClocks.subjectType, input.subjectType),
        eq(slaClocks.subjectId, input.subjectId),
        inArray(slaClocks.status, ['running', 'paused']),
        input.targets === 'all' ? undefined : inArray(slaClocks.target, [...input.targets]),
      ),
    );
  // A breached step that will never be done now: its lateness stops growing, its outcome stays.
  await tx
    .update(slaClocks)
    .set({ stoppedAt: input.at })
    .where(
      and(
        eq(slaClocks.subjectType, input.subjectType),
        eq(slaClocks.subjectId, input.subjectId),
        eq(slaClocks.status, 'breached'),
        isNull(slaClocks.stoppedAt),
        input.targets === 'all' ? undefined : inArray(slaClocks.target, [...input.targets]),
      ),
    );
}

export async function cancelClockRow(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(slaClocks).set({ status: 'cancelled', stoppedAt: at }).where(eq(slaClocks.id, id));
}

/**
 * The subject moved to `status`: the clocks its lifecycle pauses there stop counting, the paused ones
 * that count there resume (the ticket's waiting for parts pauses repair time; back to work resumes it).
 */
export async function applyPauseRules<S extends string>(
  tx: DbOrTx,
  ctx: ClockCtx,
  input: SubjectKey & { lifecycle: Pick<Lifecycle<S, string, string>, 'targetsPausedBy'>; status: S; at: Date },
): Promise<void> {
  const paused = input.lifecycle.targetsPausedBy(input.status);
  await changeClocks(tx, ctx, input, 'all', input.at, (row, calendars) => {
    const pausedHere = paused.includes(row.target);
    if (row.status === 'running' && pausedHere) return { clock: domain.pauseClock(toDomainClock(row), input.at) };
    if (row.status === 'paused' && !pausedHere) return domain.resumeClock(toDomainClock(row), input.at, domain.calendarFor(row.spec, calendars));
    return null;
  });
}
