import { TICKET_LIFECYCLE } from '../ticket/ticket.status';

// 状态通知短信: which customer-facing events send the short status notice ({number} {status}), the
// default choice, and the {status} wording of each. Pure: the server sends with it, the admin page
// lists the events from it.

/** What an admin can choose (短信网关设置 → 发送状态通知的事件). */
export const SMS_NOTICE_EVENTS = ['received', 'quote', 'resolved', 'rma_result'] as const;
export type SmsNoticeEvent = (typeof SMS_NOTICE_EVENTS)[number];

/** Chosen until an admin says otherwise: the ticket received (with its number) and resolved. */
export const DEFAULT_SMS_NOTICE_EVENTS: readonly SmsNoticeEvent[] = ['received', 'resolved'];

/** The event's name on the settings page, Chinese first. */
export const SMS_NOTICE_EVENT_LABELS: Record<SmsNoticeEvent, { zh: string; en: string }> = {
  received: { zh: '已受理（含工单号）', en: 'Received (with the ticket number)' },
  quote: { zh: '维修报价待客户确认', en: 'Repair quote awaiting approval' },
  resolved: { zh: '已解决', en: 'Resolved' },
  rma_result: { zh: '退换货审核结果', en: 'Return request decided' },
};

/** What happened, as the notice's {status} says it; the ticket's own statuses use the lifecycle's labels. */
export const SMS_NOTICE_KINDS = ['received', 'quote', 'resolved', 'rma_approved', 'rma_refused'] as const;
export type SmsNoticeKind = (typeof SMS_NOTICE_KINDS)[number];

const NOTICE_STATUS: Record<SmsNoticeKind, string> = {
  received: TICKET_LIFECYCLE.labels.received.zh,
  resolved: TICKET_LIFECYCLE.labels.resolved.zh,
  quote: '报价待确认',
  rma_approved: '退换货审核通过',
  rma_refused: '退换货审核未通过',
};

export const smsNoticeStatus = (kind: SmsNoticeKind): string => NOTICE_STATUS[kind];

/** The setting a notice kind falls under. */
export const smsNoticeEventOf = (kind: SmsNoticeKind): SmsNoticeEvent => (kind === 'rma_approved' || kind === 'rma_refused' ? 'rma_result' : kind);
