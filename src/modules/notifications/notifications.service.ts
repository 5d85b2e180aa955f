import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { notFound } from '../../domain/shared/errors';
import type { OutboxHandler } from '../../jobs/outbox';
import { usersWithRoles } from '../identity/identity.service';
import { notifications } from './notifications.tables';

export interface NewNotification {
  userId: string;
  kind: string;
  ticketId?: string | null;
  title: string;
  body?: string | null;
  dedupeKey: string;
}

export async function notify(db: DbOrTx, at: Date, items: NewNotification[]): Promise<void> {
  if (!items.length) return;
  await db
    .insert(notifications)
    .values(items.map((n) => ({ ...n, ticketId: n.ticketId ?? null, body: n.body ?? null, createdAt: at })))
    .onConflictDoNothing();
}

export async function listNotifications(ctx: AppContext, userId: string, unreadOnly: boolean) {
  const where = unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const [items, [{ unread } = { unread: 0 }]] = await Promise.all([
    ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(100),
    ctx.db.select({ unread: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items, unread };
}

export async function markRead(ctx: AppContext, userId: string, id: number) {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (!rows.length) throw notFound('notification', id);
}

const GRADE_ZH: Record<string, string> = { urgent: '紧急', important: '重要', general: '一般' };

// Urgent and important tickets are reported to the service manager (备案, RULES.md Priority grades);
// the owner hears about work assigned to them.
export const notificationHandlers: Record<string, OutboxHandler> = {
  'ticket.created': async (ctx, p) => {
    const now = ctx.clock.now();
    const items: NewNotification[] = [];
    if (p.priority === 'urgent' || p.priority === 'important') {
      for (const m of await usersWithRoles(ctx.db, ['manager'])) {
        items.push({ userId: m.id, kind: 'ticket_filed', ticketId: String(p.ticketId), title: `${GRADE_ZH[String(p.priority)]}工单备案 ${p.number}`, dedupeKey: `created:${p.ticketId}` });
      }
    }
    if (p.ownerId) items.push({ userId: String(p.ownerId), kind: 'ticket_assigned', ticketId: String(p.ticketId), title: `新工单指派给您 ${p.number}`, dedupeKey: `assigned:${p.ticketId}:${p.ownerId}` });
    await notify(ctx.db, now, items);
  },
  'ticket.assigned': async (ctx, p) => {
    await notify(ctx.db, ctx.clock.now(), [
      { userId: String(p.ownerId), kind: 'ticket_assigned', ticketId: String(p.ticketId), title: `工单指派给您 ${p.number}`, dedupeKey: `assigned:${p.ticketId}:${p.ownerId}` },
    ]);
  },
};
