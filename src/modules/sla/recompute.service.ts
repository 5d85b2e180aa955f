import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { calendarFor, recompute, warningAt } from '../../domain/sla';
import { loadCalendars } from './calendars.service';
import { clockColumns, toDomainClock } from './clock-rows';
import { refreshSummary } from './clocks.service';
import { slaClocks } from './sla.tables';

/**
 * After a calendar edit every open clock on that calendar gets its due time recomputed (several
 * desks' users complain theirs do not). Runs in chunks so a large backlog never holds one long lock.
 */
export async function recomputeClocksOnCalendar(ctx: AppContext, calendarId: string, onProgress?: (done: number) => void): Promise<number> {
  const calendars = await loadCalendars(ctx);
  let done = 0;
  let lastId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await ctx.db
      .select({ id: slaClocks.id })
      .from(slaClocks)
      .where(and(inArray(slaClocks.status, ['running', 'paused']), sql`${slaClocks.spec}->>'calendarId' = ${calendarId}`, sql`${slaClocks.id} > ${lastId}`))
      .orderBy(slaClocks.id)
      .limit(200);
    if (!batch.length) return done;
    lastId = batch.at(-1)!.id;
    await ctx.db.transaction(async (tx) => {
      const rows = await tx.select().from(slaClocks).where(inArray(slaClocks.id, batch.map((b) => b.id))).for('update');
      const tickets = new Set<string>();
      for (const row of rows) {
        if (row.status !== 'running' && row.status !== 'paused') continue;
        const { clock } = recompute(toDomainClock(row), row.spec, calendars);
        const warnAt = clock.status === 'running' ? warningAt(clock, calendarFor(clock.spec, calendars)) : row.warnAt;
        await tx.update(slaClocks).set({ ...clockColumns(clock), warnAt }).where(eq(slaClocks.id, row.id));
        tickets.add(row.ticketId);
      }
      for (const id of tickets) await refreshSummary(tx, ctx, id);
    });
    done += batch.length;
    onProgress?.(done);
  }
}
