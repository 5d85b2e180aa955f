import type { Locale } from '../shared/errors';

// 站内通知 are stored as a kind and its parameters and worded when read, in the reader's language:
// a notification written in Chinese can be read in English and the other way round. Pure, so the web
// app could word them too.

export type NotificationParams = Record<string, unknown>;
type Pair = readonly [zh: string, en: string];

const GRADE: Record<string, Pair> = { urgent: ['紧急', 'Urgent'], important: ['重要', 'Important'], general: ['一般', 'General'] };
const TARGET: Record<string, Pair> = {
  acknowledge: ['受理确认', 'acknowledgement'],
  firstResponse: ['首次响应', 'first response'],
  progressUpdate: ['进展通报', 'progress update'],
  resolution: ['解决', 'resolution'],
  followUp: ['回访', 'follow-up'],
  complaintContact: ['投诉联系', 'complaint contact'],
  complaintResolution: ['投诉处理', 'complaint resolution'],
  complaintResolutionComplex: ['复杂投诉处理', 'complex complaint resolution'],
  onSiteVisit: ['上门服务', 'on-site visit'],
  returnReview: ['退换货审核', 'return review'],
  refund: ['退款', 'refund'],
  exchangeShipment: ['换货发出', 'exchange shipment'],
  partShipment: ['备件发货', 'parts shipment'],
  returnShipment: ['客户寄回', 'customer ships the return'],
  returnInspection: ['退货检验', 'return inspection'],
  pickup: ['返厂取件', 'pickup for repair'],
  shipBack: ['修复寄回', 'repaired unit shipped back'],
  repairReport: ['维修报告通知', 'repair report to the customer'],
  emergencyPlan: ['应急处理方案', 'emergency handling plan'],
  privacyRequest: ['个人信息权利请求答复', 'personal-data request answer'],
};

const pick = (pair: Pair | undefined, fallback: string, en: boolean) => (pair ? pair[en ? 1 : 0] : fallback);

const RENDER: Record<string, (p: NotificationParams, en: boolean) => string> = {
  ticket_filed: (p, en) =>
    en
      ? `${pick(GRADE[String(p.priority)], String(p.priority), true)} ticket filed: ${p.number}`
      : `${pick(GRADE[String(p.priority)], String(p.priority), false)}工单备案 ${p.number}`,
  ticket_assigned: (p, en) =>
    p.isNew
      ? en
        ? `New ticket assigned to you: ${p.number}`
        : `新工单指派给您 ${p.number}`
      : en
        ? `Ticket assigned to you: ${p.number}`
        : `工单指派给您 ${p.number}`,
  sla_breached: (p, en) => {
    const label = pick(TARGET[String(p.target)], String(p.target), en);
    return en ? `Ticket ${p.number}: ${label} overdue` : `工单 ${p.number} ${label}已超时`;
  },
  sla_warning: (p, en) => {
    if (p.target === 'progressUpdate') return en ? `Update the customer on ticket ${p.number}` : `请向客户通报工单 ${p.number} 的进展`;
    const label = pick(TARGET[String(p.target)], String(p.target), en);
    return en ? `Ticket ${p.number}: ${label} due soon` : `工单 ${p.number} ${label}即将超时`;
  },
  complaint_sla_breached: (p, en) => {
    const label = pick(TARGET[String(p.target)], String(p.target), en);
    return en ? `Complaint ${p.number}: ${label} overdue` : `投诉 ${p.number} ${label}已超时`;
  },
  complaint_sla_warning: (p, en) => {
    const label = pick(TARGET[String(p.target)], String(p.target), en);
    return en ? `Complaint ${p.number}: ${label} due soon` : `投诉 ${p.number} ${label}即将超时`;
  },
  part_low_stock: (p, en) =>
    en
      ? `Low stock: ${p.partNumber} ${p.partName} at ${p.warehouseName}, ${p.available} available (alert below ${p.threshold})`
      : `备件库存不足：${p.warehouseName} ${p.partNumber} ${p.partName} 可用 ${p.available}（预警线 ${p.threshold}）`,
  incident_raised: (p, en) =>
    p.kind === 'safety_event'
      ? en
        ? `Safety event ${p.number}: the emergency group's plan is due within 24 h`
        : `安全事件 ${p.number}：应急小组须在 24 小时内出具处理方案`
      : en
        ? `Batch failure ${p.number} (${p.tickets} tickets): the emergency group's plan is due within 24 h`
        : `批量性故障 ${p.number}（${p.tickets} 张工单）：应急小组须在 24 小时内出具处理方案`,
  repair_dispatched: (p, en) => (en ? `Repair order ${p.number} dispatched to you` : `维修单 ${p.number} 派给您`),
  repair_dispatch_refused: (p, en) => (en ? `Repair order ${p.number} was refused: dispatch again` : `维修单 ${p.number} 被拒单，请重新派单`),
  sanbao_exchange_option: (p, en) =>
    en ? `Ticket ${p.number}: two failed repairs, offer exchange or return` : `工单 ${p.number} 两次修理仍未修复，可换货或退货（三包）`,
  explanation_pending: (p, en) => (en ? `Ticket ${p.number}: a timeout explanation waits for your approval` : `工单 ${p.number} 的超时说明待审批`),
  calendar_year_missing: (p, en) =>
    en
      ? `Calendar ${p.calendarId} has no holiday data for ${p.year}: import the State Council's schedule`
      : `日历 ${p.calendarId} 缺少 ${p.year} 年节假日数据，请导入国务院公布的安排`,
};

export const NOTIFICATION_KINDS = Object.keys(RENDER);

/**
 * 邮件提醒 What a staff user may also receive by e-mail, in the order the settings page lists them,
 * each named as the person would say it. Every in-app kind is offered: a role that never gets a kind
 * (an agent and calendar gaps) simply never receives that mail.
 */
export const MAILABLE_KINDS: readonly { kind: string; label: Pair }[] = [
  { kind: 'ticket_assigned', label: ['工单指派给我', 'A ticket is assigned to me'] },
  { kind: 'sla_warning', label: ['我的工单即将超时', 'My ticket is about to go overdue'] },
  { kind: 'sla_breached', label: ['我的工单已超时（经理：所有超时）', 'My ticket is overdue (managers: every breach)'] },
  { kind: 'explanation_pending', label: ['超时说明待审批（经理）', 'A timeout explanation waits for approval (managers)'] },
  { kind: 'ticket_filed', label: ['紧急/重要工单备案（经理）', 'Urgent or important ticket filed (managers)'] },
  { kind: 'complaint_sla_warning', label: ['投诉即将超时', 'A complaint is about to go overdue'] },
  { kind: 'complaint_sla_breached', label: ['投诉已超时', 'A complaint is overdue'] },
  { kind: 'repair_dispatched', label: ['维修单派给我', 'A repair order is dispatched to me'] },
  { kind: 'repair_dispatch_refused', label: ['维修单被拒单', 'A repair order was refused'] },
  { kind: 'sanbao_exchange_option', label: ['三包换货/退货提示', 'Exchange or return under 三包'] },
  { kind: 'part_low_stock', label: ['备件库存不足', 'Spare part stock is low'] },
  { kind: 'incident_raised', label: ['批量故障/安全事件', 'Batch failure or safety event'] },
  { kind: 'calendar_year_missing', label: ['日历缺少节假日数据（管理员）', 'A calendar lacks holiday data (admins)'] },
];
export const MAILABLE_KIND_NAMES: readonly string[] = MAILABLE_KINDS.map((k) => k.kind);

/**
 * The title in `locale`. `stored` is the title rows written before kinds had parameters kept
 * (Chinese only); it is shown as it is when there is nothing to word it from.
 */
export function renderNotification(n: { kind: string; params: NotificationParams | null; title?: string | null }, locale: Locale): string {
  const render = Object.hasOwn(RENDER, n.kind) ? RENDER[n.kind] : undefined;
  if (render && n.params) return render(n.params, locale === 'en');
  return n.title ?? n.kind;
}
