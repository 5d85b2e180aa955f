import { and, eq, inArray, sql } from 'drizzle-orm';
import { cacheScopeOf, queryable, type Actor, type AppContext, type EitherContext } from '../../context';
import type { Database, DbOrTx } from '../../db/client';
import {
  applyCalendarYear,
  BUILT_IN_CALENDARS,
  calendarFromInput,
  calendarToDefinition,
  calendarYearSchema,
  parseIcsHolidays,
  type Calendar,
  type CalendarDefinition,
  type CalendarInput,
  type CalendarSet,
  type CalendarYearInput,
} from '../../domain/calendar';
import { AppError, invalidField, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { enqueue } from '../../jobs/outbox';
import { slaCalendars, slaClocks } from './sla.tables';

// Calendars change a few times a year but are read on every clock computation and ticket page: each
// process keeps them until told otherwise. Every write NOTIFYs CALENDARS_CHANNEL in its transaction
// (delivered at commit, to every process sharing the database, this one included), and each process
// LISTENs and drops its copy. A NOTIFY sent while a process's LISTEN connection was down is lost
// (pg-listener.ts), so a copy is also re-read after CACHE_MS; before the LISTEN is in place, after SHORT_MS.
const CALENDARS_CHANNEL = 'shouhou_calendars';
const CACHE_MS = 5 * 60_000;
const SHORT_MS = 5_000;
const cache = new WeakMap<object, { at: number; set: CalendarSet }>();
const listening = new WeakMap<object, { ready: boolean }>();
// Bumped by every change heard or made: a read that began before it does not keep what it read (it may
// predate the change's commit), so a stale copy is never kept for CACHE_MS.
const generation = new WeakMap<object, number>();

function dropCopy(scope: object): void {
  cache.delete(scope);
  generation.set(scope, (generation.get(scope) ?? 0) + 1);
}

export function forgetCalendars(ctx: EitherContext): void {
  dropCopy(cacheScopeOf(ctx));
}

/** Tells every process (this one at commit too) that the calendars changed; call inside the writing transaction. */
async function announceCalendarChange(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_notify(${CALENDARS_CHANNEL}, '')`);
}

/** Subscribes once per database; not awaited, so a caller inside a PGlite transaction never waits on it. */
function listenForChanges(scope: object): { ready: boolean } {
  let state = listening.get(scope);
  if (state) return state;
  state = { ready: false };
  listening.set(scope, state);
  const database = scope as Partial<Database>;
  if (typeof database.listen !== 'function') return state;
  const s = state;
  database
    .listen(CALENDARS_CHANNEL, () => dropCopy(scope))
    .then(
      () => {
        s.ready = true;
      },
      () => listening.delete(scope), // tried again on the next read; meanwhile the short expiry holds
    );
  return state;
}

/**
 * Inside a transaction pass the TxContext (or the transaction): PGlite has a single connection, so a
 * read on the pool would wait forever. `fresh` skips the cache (a recompute job on another process
 * must see the edit that queued it).
 */
export async function loadCalendars(ctx: EitherContext, db: DbOrTx = queryable(ctx), opts: { fresh?: boolean } = {}): Promise<CalendarSet> {
  const scope = cacheScopeOf(ctx);
  const hit = cache.get(scope);
  const maxAge = listenForChanges(scope).ready ? CACHE_MS : SHORT_MS;
  if (!opts.fresh && hit && Date.now() - hit.at < maxAge) return hit.set;
  const readAt = Date.now();
  const before = generation.get(scope) ?? 0;
  const rows = await db.select().from(slaCalendars);
  // Looked up by ids from URLs and policy bodies: without a prototype, `set['__proto__']` or
  // `set['constructor']` is a miss (404 / unknown calendar), not an Object.prototype member.
  const set: Record<string, Calendar> = Object.assign(Object.create(null) as Record<string, Calendar>, BUILT_IN_CALENDARS);
  for (const row of rows) set[row.id] = calendarFromInput(row.definition);
  if ((generation.get(scope) ?? 0) === before) cache.set(scope, { at: readAt, set });
  return set;
}

export async function getCalendar(ctx: AppContext, id: string): Promise<Calendar> {
  const cal = (await loadCalendars(ctx))[id];
  if (!cal) throw notFound('calendar', id);
  return cal;
}

export interface CalendarView extends CalendarDefinition {
  builtIn: boolean;
  overridden: boolean;
}

export async function listCalendars(ctx: AppContext): Promise<CalendarView[]> {
  const rows = await ctx.db.select({ id: slaCalendars.id }).from(slaCalendars);
  const stored = new Set(rows.map((r) => r.id));
  const set = await loadCalendars(ctx);
  return Object.values(set).map((c) => ({
    ...calendarToDefinition(c),
    builtIn: c.id in BUILT_IN_CALENDARS,
    overridden: stored.has(c.id) && c.id in BUILT_IN_CALENDARS,
  }));
}

async function save(tx: DbOrTx, ctx: AppContext, cal: Calendar, actor: Actor, type: string, data: Record<string, unknown>): Promise<void> {
  const definition = calendarToDefinition(cal);
  const now = ctx.clock.now();
  await tx
    .insert(slaCalendars)
    .values({ id: cal.id, definition, updatedAt: now, updatedById: actor.id })
    .onConflictDoUpdate({ target: slaCalendars.id, set: { definition, updatedAt: now, updatedById: actor.id } });
  // The audit chain needs a uuid subject: calendars are chained under a stable name-derived id.
  await appendEvent(tx, ctx, { subjectType: 'calendar', subjectId: calendarSubjectId(cal.id), type, actor, data: { calendarId: cal.id, ...data } });
  await announceCalendarChange(tx);
}

/** A stable uuid-shaped id for a calendar's audit chain. */
export function calendarSubjectId(id: string): string {
  const hex = Buffer.from(id.padEnd(16, '\0').slice(0, 16)).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function createCalendar(ctx: AppContext, input: CalendarInput, actor: Actor): Promise<Calendar> {
  const existing = await loadCalendars(ctx);
  if (existing[input.id]) throw invalidField('id', '日历编号已存在', 'A calendar with this id exists', 'duplicate');
  const cal = calendarFromInput(input);
  await ctx.db.transaction((tx) => save(tx, ctx, cal, actor, 'calendar_created', { after: calendarToDefinition(cal) }));
  forgetCalendars(ctx);
  return cal;
}

/**
 * Replaces one or more years' holidays and make-up days (manual edit, JSON import or .ics import) in
 * one transaction, which also queues the recompute of the open clocks on the calendar as a durable
 * job (the outbox, src/modules/sla/recompute.service.ts): the edit answers at once.
 */
export async function setCalendarYears(ctx: AppContext, id: string, years: CalendarYearInput[], actor: Actor, source: 'edit' | 'json' | 'ics') {
  const result = await ctx.db.transaction(async (tx) => {
    // The calendar first (the lock order's subject row): two edits of different years both land.
    let next = await lockedCalendar(tx, id);
    if (next.coveredYears === 'all') throw invalidField('id', '该日历不区分节假日', 'This calendar has no public holidays to edit', 'not_editable');
    // The route's body schema cannot see the year in the URL: a date of another year is refused here.
    const checked = years.map((year, i) => {
      const parsed = calendarYearSchema.safeParse(year);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0]!;
      const path = years.length > 1 ? ['body', 'years', i, ...issue.path] : ['body', ...issue.path];
      throw invalidField(path.join('.'), `日期不属于 ${year.year} 年或无效`, issue.message, 'invalid_date');
    });
    for (const year of checked) {
      next = applyCalendarYear(next, year);
      await save(tx, ctx, next, actor, 'calendar_year_set', { year: year.year, source, holidays: year.holidays, makeUpWorkdays: year.makeUpWorkdays ?? [] });
    }
    return { calendar: next, recompute: await queueRecompute(tx, ctx, id) };
  });
  forgetCalendars(ctx);
  return result;
}

async function lockedCalendar(tx: DbOrTx, id: string): Promise<Calendar> {
  const [row] = await tx.select().from(slaCalendars).where(eq(slaCalendars.id, id)).for('update');
  if (row) return calendarFromInput(row.definition);
  const builtIn = Object.hasOwn(BUILT_IN_CALENDARS, id) ? BUILT_IN_CALENDARS[id] : undefined;
  if (!builtIn) throw notFound('calendar', id);
  return builtIn;
}

export function parseIcsOrThrow(text: string) {
  const parsed = parseIcsHolidays(text);
  const years = Object.values(parsed.years);
  if (!years.length) {
    throw new AppError('validation_failed', {
      userMessage: { zh: 'iCalendar 文件中没有可识别的节假日', en: 'No holidays found in the iCalendar file' },
      issues: parsed.issues.slice(0, 20).map((i) => ({ path: `ics.line${i.line}`, code: 'invalid', message: i.message })),
    });
  }
  return years;
}

export async function deleteCalendarOverride(ctx: AppContext, id: string, actor: Actor) {
  const job = await ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(slaCalendars).where(eq(slaCalendars.id, id)).returning({ id: slaCalendars.id });
    if (!rows.length) throw notFound('calendar', id);
    await appendEvent(tx, ctx, { subjectType: 'calendar', subjectId: calendarSubjectId(id), type: 'calendar_reset', actor, data: { calendarId: id } });
    await announceCalendarChange(tx);
    return queueRecompute(tx, ctx, id);
  });
  forgetCalendars(ctx);
  return job;
}

export interface RecomputeJob {
  /** The outbox message that starts the job; the API answers with it at once. */
  jobId: number;
  status: 'queued';
  /** Open clocks on the calendar when the job was queued. */
  clocks: number;
}

/**
 * After a calendar edit every open clock on that calendar gets its due time recomputed. Called in the
 * edit's transaction: the job is a row committed with the edit, so a restart never loses it.
 */
export async function queueRecompute(tx: DbOrTx, ctx: Pick<AppContext, 'clock'>, calendarId: string): Promise<RecomputeJob> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(slaClocks)
    .where(and(inArray(slaClocks.status, ['running', 'paused']), sql`${slaClocks.spec}->>'calendarId' = ${calendarId}`));
  const jobId = await enqueue(tx, ctx.clock.now(), 'sla.calendar_recompute', { calendarId, jobId: null, after: null, done: 0, total: n });
  return { jobId, status: 'queued', clocks: n };
}
