import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { notFound, type Locale } from '../../domain/shared/errors';
import { renderNotification, type NotificationParams } from '../../domain/notification/notification.render';
import type { OutboxRegistry } from '../../jobs/outbox';
import { COMPLAINT_SUBJECT } from '../complaints/complaints.sla-subject';
import { complaintNoticeRef } from '../complaints/complaints.service';
import { usersWithRoles } from '../identity/identity.service';
import { ticketStatus } from '../tickets/tickets.service';
import { queueNotificationMail } from './notifications.mail';
import { notifications } from './notifications.tables';

export interface NewNotification {
  userId: string;
  kind: string;
  ticketId?: string | null;
  params: NotificationParams;
  body?: string | null;
  dedupeKey: string;
}

/** Writes the notifications (once each) and queues the mail of those their readers want by e-mail. */
export async function notify(db: DbOrTx, at: Date, items: NewNotification[]): Promise<void> {
  if (!items.length) return;
  const written = await db
    .insert(notifications)
    .values(items.map((n) => ({ ...n, ticketId: n.ticketId ?? null, body: n.body ?? null, createdAt: at })))
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId, kind: notifications.kind });
  await queueNotificationMail(db, at, written);
}

/** The newest 100, each worded in `locale`. */
export async function listNotifications(ctx: AppContext, userId: string, unreadOnly: boolean, locale: Locale) {
  const where = unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const [items, [{ unread } = { unread: 0 }]] = await Promise.all([
    ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(100),
    ctx.db
      .select({ unread: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return {
    items: items.map(({ title, params, ...n }) => ({ ...n, params: params ?? {}, title: renderNotification({ kind: n.kind, params, title }, locale) })),
    unread,
  };
}

export async function markRead(ctx: AppContext, userId: string, id: number) {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (!rows.length) throw notFound('notification', id);
}

/** 全部已读: marks every unread notification of the user read; returns how many changed. */
export async function markAllRead(ctx: AppContext, userId: string): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Marks read, for every user, the notifications about these tickets (the demo's history). */
export async function markTicketNotificationsRead(ctx: AppContext, ticketIds: string[]): Promise<void> {
  for (let i = 0; i < ticketIds.length; i += 500) {
    await ctx.db
      .update(notifications)
      .set({ readAt: ctx.clock.now() })
      .where(and(inArray(notifications.ticketId, ticketIds.slice(i, i + 500)), isNull(notifications.readAt)));
  }
}

/**
 * News about a ticket that is already archived or cancelled by the time it is delivered is no
 * longer news: nobody can act on it (a backlog after downtime, or history being imported).
 */
async function stillOpen(db: DbOrTx, ticketId: string): Promise<boolean> {
  const status = await ticketStatus(db, ticketId);
  return status !== null && status !== 'closed' && status !== 'cancelled';
}

/**
 * A complaint's clock (contact 1 h, resolution 3 / 7 wd, follow-up 3 wd) concerns the complaint, not a
 * ticket: many complaints have none, and a linked ticket may be archived while the complaint runs on.
 * A breach reaches its handler and the service managers, a warning its handler (the managers when
 * nobody handles it yet); each names the complaint, which the notification opens.
 */
async function complaintClockNews(db: DbOrTx, at: Date, kind: 'breached' | 'warning', p: { subjectId?: string; target: string; dueAt: string }): Promise<void> {
  const complaintId = p.subjectId!;
  const ref = await complaintNoticeRef(db, complaintId);
  if (!ref?.open) return;
  const people = new Set<string>();
  if (ref.ownerId) people.add(ref.ownerId);
  if (kind === 'breached' || !ref.ownerId) for (const m of await usersWithRoles(db, ['manager'])) people.add(m.id);
  await notify(
    db,
    at,
    [...people].map((userId) => ({
      userId,
      kind: `complaint_sla_${kind}`,
      params: { number: ref.number, target: p.target, complaintId },
      dedupeKey: `complaint-${kind}:${complaintId}:${p.target}:${p.dueAt}`,
    })),
  );
}

// Urgent and important tickets are reported to the service manager (备案, RULES.md Priority grades);
// the owner hears about work assigned to them. SLA: the owner and the service managers hear of a
// breach; the owner of the 80 % mark (for an urgent ticket's progress-update clock this is the
// reminder to update the customer). Rows keep a kind and its parameters, worded when read.
export function registerNotificationHandlers(outbox: OutboxRegistry): void {
  const owner = 'notifications';
  outbox.handle('ticket.created', owner, async (ctx, p) => {
    // Most requests arrive ungraded and unowned: nobody to tell, so no query at all.
    const tellsManagers = p.priority === 'urgent' || p.priority === 'important';
    if (!tellsManagers && !p.ownerId) return;
    if (!(await stillOpen(ctx.tx, p.ticketId))) return;
    const items: NewNotification[] = [];
    if (tellsManagers) {
      for (const m of await usersWithRoles(ctx.tx, ['manager'])) {
        items.push({
          userId: m.id,
          kind: 'ticket_filed',
          ticketId: p.ticketId,
          params: { number: p.number, priority: p.priority },
          dedupeKey: `created:${p.ticketId}`,
        });
      }
    }
    if (p.ownerId)
      items.push({
        userId: p.ownerId,
        kind: 'ticket_assigned',
        ticketId: p.ticketId,
        params: { number: p.number, isNew: true },
        dedupeKey: `assigned:${p.ticketId}:${p.ownerId}`,
      });
    await notify(ctx.tx, ctx.clock.now(), items);
  });
  outbox.handle('ticket.assigned', owner, async (ctx, p) => {
    if (!(await stillOpen(ctx.tx, p.ticketId))) return;
    await notify(ctx.tx, ctx.clock.now(), [
      {
        userId: p.ownerId,
        kind: 'ticket_assigned',
        ticketId: p.ticketId,
        params: { number: p.number, isNew: false },
        dedupeKey: `assigned:${p.ticketId}:${p.ownerId}`,
      },
    ]);
  });
  outbox.handle('sla.breached', owner, async (ctx, p) => {
    if (p.subjectType === COMPLAINT_SUBJECT && p.subjectId) return complaintClockNews(ctx.tx, ctx.clock.now(), 'breached', p);
    if (!(await stillOpen(ctx.tx, p.ticketId))) return;
    const item = (userId: string): NewNotification => ({
      userId,
      kind: 'sla_breached',
      ticketId: p.ticketId,
      params: { number: p.number, target: p.target },
      dedupeKey: `breach:${p.ticketId}:${p.target}:${p.dueAt}`,
    });
    const items = (await usersWithRoles(ctx.tx, ['manager'])).map((m) => item(m.id));
    if (p.ownerId) items.push(item(p.ownerId));
    await notify(ctx.tx, ctx.clock.now(), items);
  });
  outbox.handle('sla.warning', owner, async (ctx, p) => {
    if (p.subjectType === COMPLAINT_SUBJECT && p.subjectId) return complaintClockNews(ctx.tx, ctx.clock.now(), 'warning', p);
    if (!p.ownerId || !(await stillOpen(ctx.tx, p.ticketId))) return;
    await notify(ctx.tx, ctx.clock.now(), [
      {
        userId: p.ownerId,
        kind: 'sla_warning',
        ticketId: p.ticketId,
        params: { number: p.number, target: p.target },
        dedupeKey: `warn:${p.ticketId}:${p.target}:${p.dueAt}`,
      },
    ]);
  });
  // 超时说明待审批: the service managers decide on it (the pending-explanations page lists them).
  outbox.handle('sla.explanation_submitted', owner, async (ctx, p) => {
    const items = (await usersWithRoles(ctx.tx, ['manager'])).map((m) => ({
      userId: m.id,
      kind: 'explanation_pending',
      ticketId: p.ticketId,
      params: { number: p.number },
      dedupeKey: `explanation:${p.explanationId}`,
    }));
    await notify(ctx.tx, ctx.clock.now(), items);
  });
  outbox.handle('sla.calendar_year_missing', owner, async (ctx, p) => {
    const items = (await usersWithRoles(ctx.tx, ['admin'])).map((a) => ({
      userId: a.id,
      kind: 'calendar_year_missing',
      params: { calendarId: p.calendarId, year: p.year },
      dedupeKey: `calendar:${p.calendarId}:${p.year}`,
    }));
    await notify(ctx.tx, ctx.clock.now(), items);
  });
}
