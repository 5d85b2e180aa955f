import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { lockTickets } from '../../db/lock-order';
import { calendarFor, recompute, warningAt } from '../../domain/sla';
import { loadCalendars } from './calendars.service';
import { clockColumns, toDomainClock } from './clock-rows';
import { refreshSummary } from './clocks.service';
import { slaClocks } from './sla.tables';

const onCalendar = (calendarId: string) => and(inArray(slaClocks.status, ['running', 'paused']), sql`${slaClocks.spec}->>'calendarId' = ${calendarId}`);

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
      .select({ id: slaClocks.id, ticketId: slaClocks.ticketId })
      .from(slaClocks)
      .where(and(onCalendar(calendarId), sql`${slaClocks.id} > ${lastId}`))
      .orderBy(slaClocks.id)
      .limit(200);
    if (!batch.length) return done;
    lastId = batch.at(-1)!.id;
    await ctx.db.transaction(async (tx) => {
      // Lock order (src/db/lock-order.ts): the tickets first, then their clocks, re-read under the
      // lock since a reply or the sweep may have stopped or breached them meanwhile.
      const tickets = await lockTickets(tx, batch.map((b) => b.ticketId));
      if (!tickets.length) return;
      const rows = await tx
        .select()
        .from(slaClocks)
        .where(and(inArray(slaClocks.id, batch.map((b) => b.id)), inArray(slaClocks.ticketId, tickets), onCalendar(calendarId)));
      for (const row of rows) {
        const { clock } = recompute(toDomainClock(row), row.spec, calendars);
        const warnAt = clock.status === 'running' ? warningAt(clock, calendarFor(clock.spec, calendars)) : row.warnAt;
        await tx.update(slaClocks).set({ ...clockColumns(clock), warnAt }).where(eq(slaClocks.id, row.id));
      }
      for (const id of new Set(rows.map((r) => r.ticketId))) await refreshSummary(tx, ctx, id);
    });
    done += batch.length;
    onProgress?.(done);
  }
}
