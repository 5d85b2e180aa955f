// Timeline words for the 回访 events the follow-up module writes on the ticket (followups.service.ts).
export const FOLLOWUP_EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  followup_created: { zh: '创建回访任务', en: 'Follow-up task created' },
  followup_attempt: { zh: '回访记录', en: 'Follow-up attempt' },
  followup_completed: { zh: '回访完成', en: 'Follow-up completed' },
  followup_closed: { zh: '专项回访关闭', en: 'Dedicated follow-up closed' },
  followup_assigned: { zh: '回访任务分派', en: 'Follow-up assigned' },
};
