// Messages of the follow-up screens (回访任务). zh-CN first.
import { useSubMessages } from '@/lib/i18n';

export const FOLLOWUP_MESSAGES = {
  'fu.title': ['回访任务', 'Follow-ups'],
  'fu.mine': ['只看我的', 'Mine only'],
  'fu.search': ['工单号', 'Ticket number'],
  'fu.status.pending': ['待回访', 'Pending'],
  'fu.status.completed': ['已完成', 'Completed'],
  'fu.status.closed': ['经理关闭', 'Closed'],
  'fu.status.all': ['全部', 'All'],
  'fu.ticket': ['工单', 'Ticket'],
  'fu.kind': ['类型', 'Kind'],
  'fu.callFrom': ['可回访时间', 'Call from'],
  'fu.due': ['回访时限', 'Due'],
  'fu.overdue': ['已超时', 'Overdue'],
  'fu.rating': ['评分', 'Rating'],
  'fu.attempts': ['回访记录', 'Attempts'],
  'fu.call': ['记录回访', 'Record call'],
  'fu.take': ['领取', 'Take'],
  'fu.close': ['关闭专项回访', 'Close'],
  'fu.closeReason': ['关闭原因', 'Reason for closing'],
  'fu.script': ['回访话术', 'Call script'],
  'fu.channel': ['回访方式', 'Channel'],
  'fu.outcome': ['回访结果', 'Outcome'],
  'fu.solved': ['问题是否已解决', 'Problem solved?'],
  'fu.yes': ['已解决', 'Yes'],
  'fu.no': ['未解决', 'No'],
  'fu.comments': ['客户意见', 'Comments'],
  'fu.submit': ['提交', 'Submit'],
  'fu.saved': ['已记录', 'Recorded'],
  'fu.dedicatedOpened': ['评分低于 4 分，已自动创建专项回访', 'Rated below 4: a dedicated follow-up was opened'],
  'fu.none': ['没有回访任务', 'No follow-ups'],
  'fu.onTicket': ['回访与投诉', 'Follow-ups and complaints'],
  'fu.goCall': ['去回访任务记录回访', 'Record the call on the follow-up task'],
  'fu.ticketWaits': [
    '工单在回访完成（客户满意或经理关闭专项回访）后变为已回访。',
    'The ticket becomes followed up once the follow-up is done (customer satisfied, or a manager closed the dedicated follow-up).',
  ],
  'fu.complaints': ['相关投诉', 'Complaints about this ticket'],
  'fu.ruleHint': [
    '依据 004 §二(五)：解决后 24–72 小时内回访（紧急 12 小时内）；评分低于 4 分转专项回访。',
    'Per 004 §二(五): follow up 24–72 h after resolution (urgent within 12 h); a rating below 4 opens a dedicated follow-up.',
  ],
} as const;

export const useFollowupI18n = () => useSubMessages(FOLLOWUP_MESSAGES);
