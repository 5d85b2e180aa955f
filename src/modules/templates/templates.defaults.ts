import { ROBOT_TEMPLATE_KEYS, SMS_TEMPLATE_KEYS, type RobotTemplateKey, type SmsTemplateKey } from '../../domain/mail/channel-templates';
import type { Locale } from '../../domain/shared/errors';

// The built-in wording of every customer-facing message, used until an admin edits it. The events
// are those RULES.md names for telling the customer (Intake: number and promised times on receipt;
// Fees: every quote confirmed by the customer before work; Follow-up: a questionnaire after completion).
export const TEMPLATE_KEYS = ['received', 'reply', 'progress', 'quote', 'resolved', 'survey', 'test'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export const TEMPLATE_CHANNELS = ['email', 'sms', 'robot'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** Every template key of every channel (e-mail events, robot events, SMS purposes), for the routes' params. */
export const ANY_TEMPLATE_KEYS = [
  ...TEMPLATE_KEYS,
  'ticket_urgent',
  'sla_breached',
  'sla_warning',
  'explanation_pending',
  'parts_low_stock',
  'code',
  'notice',
] as const satisfies readonly (TemplateKey | RobotTemplateKey | SmsTemplateKey)[];
export type AnyTemplateKey = (typeof ANY_TEMPLATE_KEYS)[number];

/** Which keys each channel has. */
export const CHANNEL_KEYS: Record<TemplateChannel, readonly AnyTemplateKey[]> = {
  email: TEMPLATE_KEYS,
  sms: SMS_TEMPLATE_KEYS,
  robot: ROBOT_TEMPLATE_KEYS,
};

export interface TemplateText {
  subject: string;
  body: string;
  /** Robot cards only. */
  button?: string;
}

const SIGN_ZH = '\n\n—— 售后服务中心\n回复本邮件即可补充信息，请保留主题中的工单号。';
const SIGN_EN = '\n\n— After-sales service\nReply to this mail to add information; keep the ticket number in the subject.';

export const EMAIL_DEFAULTS: Record<TemplateKey, Record<Locale, TemplateText>> = {
  received: {
    'zh-CN': {
      subject: '[{number}] 我们已受理您的服务请求',
      body: '{customer}，您好：\n\n您的服务请求已受理，工单号 {number}（{title}）。\n我们承诺的处理时限：{promisedAt}。\n查看进度：{link}' + SIGN_ZH,
    },
    en: {
      subject: '[{number}] We have received your service request',
      body: 'Dear {customer},\n\nYour request is registered as ticket {number} ({title}).\nWe promise: {promisedAt}.\nFollow it here: {link}' + SIGN_EN,
    },
  },
  reply: {
    'zh-CN': { subject: 'Re: [{number}] {title}', body: '{customer}，您好：\n\n{body}' + SIGN_ZH },
    en: { subject: 'Re: [{number}] {title}', body: 'Dear {customer},\n\n{body}' + SIGN_EN },
  },
  progress: {
    'zh-CN': { subject: '[{number}] 处理进度通报', body: '{customer}，您好：\n\n您的工单 {number} 有新进展：\n{body}' + SIGN_ZH },
    en: { subject: '[{number}] Progress update', body: 'Dear {customer},\n\nThere is news on ticket {number}:\n{body}' + SIGN_EN },
  },
  quote: {
    'zh-CN': {
      subject: '[{number}] 维修报价待您确认',
      body: '{customer}，您好：\n\n工单 {number} 的维修报价如下，请确认后我们再开始维修：\n{body}\n\n请回复本邮件“同意”或“不同意”，或联系客服。' + SIGN_ZH,
    },
    en: {
      subject: '[{number}] Repair quote awaiting your approval',
      body:
        'Dear {customer},\n\nHere is the repair quote for ticket {number}; we start once you approve it:\n{body}\n\nReply "approve" or "decline", or call us.' +
        SIGN_EN,
    },
  },
  resolved: {
    'zh-CN': {
      subject: '[{number}] 您的问题已解决',
      body: '{customer}，您好：\n\n工单 {number}（{title}）已处理完毕。\n{body}\n如问题仍在，请直接回复本邮件。' + SIGN_ZH,
    },
    en: {
      subject: '[{number}] Your issue is resolved',
      body: 'Dear {customer},\n\nTicket {number} ({title}) is resolved.\n{body}\nIf the problem remains, just reply.' + SIGN_EN,
    },
  },
  survey: {
    'zh-CN': {
      subject: '[{number}] 请为本次服务评分',
      body: '{customer}，您好：\n\n感谢您的耐心。请为工单 {number} 的服务打分（1–5 分），直接回复数字即可；低于 4 分我们会专人回访。' + SIGN_ZH,
    },
    en: {
      subject: '[{number}] How did we do?',
      body:
        'Dear {customer},\n\nThank you for your patience. Please rate the service on ticket {number} from 1 to 5 by replying with the number; below 4 someone will call you back.' +
        SIGN_EN,
    },
  },
  test: {
    'zh-CN': { subject: '售后系统测试邮件', body: '这是一封测试邮件：收到即说明邮件发送设置正确。' },
    en: { subject: 'Shouhou test mail', body: 'This is a test mail: if it arrived, the mail settings work.' },
  },
};

/** Values shown in the admin preview. */
export const SAMPLE_VALUES = {
  number: 'WX20261130001',
  customer: '张伟',
  title: '打印机卡纸',
  promisedAt: '2026-11-30 18:00 前响应，2026-12-02 18:00 前解决',
  link: 'https://shouhou.example.cn/tickets/WX20261130001',
  body: '工程师已确认故障原因，明天上午上门更换搓纸轮。',
  status: '处理中',
  agent: '李客服',
};
