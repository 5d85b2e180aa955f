// 时间线 The timeline's event names (ticket and customer pages, erasure residue): apart from labels.ts so
// the queue, which shows no events, does not load every feature's event words.
import { FOLLOWUP_EVENT_LABELS } from '@/features/followups/event-labels';
import { MAIL_EVENT_LABELS } from '@/features/mail/event-labels';
import { REPAIR_EVENT_LABELS } from '@/features/repairs/event-labels';
import { RETURN_EVENT_LABELS } from '@/features/returns/event-labels';
import type { Pair } from './labels';

export const EVENT_LABELS: Record<string, Pair> = {
  created: { zh: '受理登记', en: 'Registered' },
  graded: { zh: '分级', en: 'Graded' },
  regraded: { zh: '重新分级', en: 'Re-graded' },
  assigned: { zh: '分派', en: 'Assigned' },
  status_changed: { zh: '状态变更', en: 'Status changed' },
  field_changed: { zh: '信息修改', en: 'Details changed' },
  public_reply: { zh: '回复客户', en: 'Reply to customer' },
  internal_note: { zh: '内部备注', en: 'Internal note' },
  customer_message: { zh: '客户来信', en: 'Customer message' },
  progress_update: { zh: '进展通报', en: 'Progress update' },
  attachment_added: { zh: '上传附件', en: 'Attachment added' },
  pii_viewed: { zh: '查看客户信息', en: 'Customer data viewed' },
  pii_revealed: { zh: '查看完整客户信息', en: 'Customer data revealed' },
  customer_created: { zh: '创建客户', en: 'Customer created' },
  customer_updated: { zh: '修改客户', en: 'Customer updated' },
  contact_added: { zh: '添加联系人', en: 'Contact added' },
  sla_breached: { zh: '时限超时', en: 'SLA breached' },
  sla_warning: { zh: '时限预警', en: 'SLA warning' },
  timeout_explanation_submitted: { zh: '提交超时说明', en: 'Timeout explanation submitted' },
  timeout_explanation_approved: { zh: '批准超时说明', en: 'Timeout explanation approved' },
  timeout_explanation_rejected: { zh: '驳回超时说明', en: 'Timeout explanation rejected' },
  contract_added: { zh: '新增服务协议', en: 'Contract added' },
  contract_ended: { zh: '终止服务协议', en: 'Contract ended' },
  ...REPAIR_EVENT_LABELS,
  ...RETURN_EVENT_LABELS,
  ...FOLLOWUP_EVENT_LABELS,
  ...MAIL_EVENT_LABELS,
};
