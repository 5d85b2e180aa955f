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
const TARGET_ZH: Record<string, string> = {
  acknowledge: '受理确认', firstResponse: '首次响应', progressUpdate: '进展通报', resolution: '解决', followUp: '回访',
  complaintContact: '投诉联系', complaintResolution: '投诉处理', onSiteVisit: '上门服务', returnReview: '退换货审核', refund: '退款', exchangeShipment: '换货发出',
};

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
  // SLA: the owner and the service managers hear of a breach; the owner of the 80 % mark (for an
  // urgent ticket's progress-update clock this is the reminder to update the customer).
  'sla.breached': async (ctx, p) => {
    const label = TARGET_ZH[String(p.target)] ?? String(p.target);
    const items: NewNotification[] = (await usersWithRoles(ctx.db, ['manager'])).map((m) => ({
      userId: m.id, kind: 'sla_breached', ticketId: String(p.ticketId), title: `工单 ${p.number} ${label}已超时`, dedupeKey: `breach:${p.ticketId}:${p.target}:${p.dueAt}`,
    }));
    if (p.ownerId) items.push({ userId: String(p.ownerId), kind: 'sla_breached', ticketId: String(p.ticketId), title: `工单 ${p.number} ${label}已超时`, dedupeKey: `breach:${p.ticketId}:${p.target}:${p.dueAt}` });
    await notify(ctx.db, ctx.clock.now(), items);
  },
  'sla.warning': async (ctx, p) => {
    if (!p.ownerId) return;
    const title = p.target === 'progressUpdate' ? `请向客户通报工单 ${p.number} 的进展` : `工单 ${p.number} ${TARGET_ZH[String(p.target)] ?? p.target}即将超时`;
    await notify(ctx.db, ctx.clock.now(), [{ userId: String(p.ownerId), kind: 'sla_warning', ticketId: String(p.ticketId), title, dedupeKey: `warn:${p.ticketId}:${p.target}:${p.dueAt}` }]);
  },
  'sla.calendar_year_missing': async (ctx, p) => {
    const items = (await usersWithRoles(ctx.db, ['admin'])).map((a) => ({
      userId: a.id, kind: 'calendar_year_missing', title: `日历 ${p.calendarId} 缺少 ${p.year} 年节假日数据，请导入国务院公布的安排`, dedupeKey: `calendar:${p.calendarId}:${p.year}`,
    }));
    await notify(ctx.db, ctx.clock.now(), items);
  },
  'ticket.assigned': async (ctx, p) => {
    await notify(ctx.db, ctx.clock.now(), [
      { userId: String(p.ownerId), kind: 'ticket_assigned', ticketId: String(p.ticketId), title: `工单指派给您 ${p.number}`, dedupeKey: `assigned:${p.ticketId}:${p.ownerId}` },
    ]);
  },
};
