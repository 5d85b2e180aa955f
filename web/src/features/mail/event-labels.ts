// Mail events on a ticket's timeline (src/modules/mail).
export const MAIL_EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  mail_sent: { zh: '邮件已发送', en: 'Mail sent' },
  mail_failed: { zh: '邮件发送失败', en: 'Mail failed' },
  mail_bounced: { zh: '邮件被退回', en: 'Mail bounced' },
  mail_attachments_refused: { zh: '邮件附件未保存', en: 'Mail attachments refused' },
};
