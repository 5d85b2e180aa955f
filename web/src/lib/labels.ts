import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import { STATUS_LABELS, type TicketStatus } from '@domain/ticket/ticket.status';

// Display names for the API vocabulary. Statuses come from the domain table the server uses;
// the other enums are plain strings in the domain, so their labels live here.
export type Pair = { zh: string; en: string };

export { STATUS_LABELS };
export type { TicketStatus };

export const PRIORITY_LABELS: Record<Priority, Pair> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  important: { zh: '重要', en: 'Important' },
  general: { zh: '一般', en: 'General' },
};
export const PRIORITY_COLORS: Record<Priority, string> = { urgent: 'red', important: 'orange', general: 'blue' };

export const REQUEST_TYPE_LABELS: Record<RequestType, Pair> = {
  consultation: { zh: '咨询', en: 'Consultation' },
  repair: { zh: '维修', en: 'Repair' },
  replacement: { zh: '更换', en: 'Replacement' },
  return: { zh: '退货', en: 'Return' },
  exchange: { zh: '换货', en: 'Exchange' },
  refund: { zh: '退款', en: 'Refund' },
  complaint: { zh: '投诉', en: 'Complaint' },
  installation: { zh: '安装', en: 'Installation' },
  training: { zh: '培训', en: 'Training' },
  other: { zh: '其他', en: 'Other' },
};

export const CHANNEL_LABELS: Record<Channel, Pair> = {
  phone: { zh: '电话', en: 'Phone' },
  email: { zh: '邮件', en: 'Email' },
  web: { zh: '网站', en: 'Web' },
  wechat: { zh: '微信', en: 'WeChat' },
  dealer: { zh: '经销商', en: 'Dealer' },
  walk_in: { zh: '到店', en: 'Walk-in' },
  api: { zh: '接口', en: 'API' },
};

export const STATUS_COLORS: Record<TicketStatus, string> = {
  received: 'default',
  graded: 'cyan',
  in_progress: 'processing',
  waiting_customer: 'gold',
  waiting_parts: 'purple',
  resolved: 'success',
  followed_up: 'green',
  closed: 'default',
  cancelled: 'default',
};

export const ROLE_KEYS = ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics', 'quality'] as const;
export type Role = (typeof ROLE_KEYS)[number];

// SLA vocabulary (src/domain/sla/targets.ts); listed here so the web app does not bundle zod for it.
export const TARGET_NAMES = [
  'acknowledge',
  'firstResponse',
  'progressUpdate',
  'resolution',
  'followUp',
  'onSiteVisit',
  'returnReview',
  'refund',
  'exchangeShipment',
  'complaintContact',
  'complaintResolution',
  'complaintResolutionComplex',
] as const satisfies readonly import('@domain/sla/targets').TargetName[];
export const SLA_UNITS = ['clock_minutes', 'clock_hours', 'business_hours', 'working_days'] as const satisfies readonly import('@domain/sla/targets').SlaUnit[];

// Jobs act as the server's SYSTEM_ACTOR, whose stored name is the code 'system' (or no name at all).
const SYSTEM_ACTOR_LABEL: Pair = { zh: '系统', en: 'System' };
export function actorLabel(name: string | null | undefined, pick: (p: Pair) => string): string {
  return !name || name === 'system' ? pick(SYSTEM_ACTOR_LABEL) : name;
}
