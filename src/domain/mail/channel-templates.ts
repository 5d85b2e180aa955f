import { variablesInOrder } from './template';

// 短信模板 / 群机器人模板: the wording of the SMS and group-robot channels, per purpose or robot event.
// Pure: the server renders and validates with it, the web app shows the variables it lists.

/** 群机器人事件 (channels.topics ROBOT_EVENTS) plus the admin's "send a test message". */
export const ROBOT_TEMPLATE_KEYS = ['ticket_urgent', 'sla_breached', 'sla_warning', 'explanation_pending', 'parts_low_stock', 'test'] as const;
export type RobotTemplateKey = (typeof ROBOT_TEMPLATE_KEYS)[number];

/** 验证码 (one-time code) and 状态通知 (status notice): each is one template registered with the SMS gateway. */
export const SMS_TEMPLATE_KEYS = ['code', 'notice'] as const;
export type SmsTemplateKey = (typeof SMS_TEMPLATE_KEYS)[number];

/**
 * The variables each robot card may use: what the event carries, already formatted for reading
 * (priority and SLA target as Chinese labels, deadlines in Beijing time), plus the button's link.
 */
export const ROBOT_VARIABLES: Record<RobotTemplateKey, readonly string[]> = {
  ticket_urgent: ['number', 'priority', 'link'],
  sla_breached: ['number', 'target', 'dueAt', 'link'],
  sla_warning: ['number', 'target', 'dueAt', 'link'],
  explanation_pending: ['number', 'link'],
  parts_low_stock: ['partNumber', 'partName', 'warehouseName', 'available', 'threshold', 'link'],
  test: ['link'],
};

/** The values an SMS can carry: the gateway only accepts the variables its registered template declares. */
export const SMS_VARIABLES: Record<SmsTemplateKey, readonly string[]> = { code: ['code'], notice: ['number', 'status'] };

export interface RobotWording {
  /** Card title. */
  subject: string;
  /** One card line per text line, written `标签：内容`. */
  body: string;
  /** The button's text. */
  button: string;
}

const TICKET_LINES = '工单号：{number}\n时限：{target}\n截止：{dueAt}';
/** The built-in card wording (the groups are the service team's own: Chinese only). */
export const ROBOT_DEFAULTS: Record<RobotTemplateKey, RobotWording> = {
  ticket_urgent: { subject: '紧急工单 {number}', body: '工单号：{number}\n优先级：{priority}', button: '查看工单' },
  sla_breached: { subject: '工单 {number} 已超时', body: TICKET_LINES, button: '查看工单' },
  sla_warning: { subject: '工单 {number} 即将超时', body: TICKET_LINES, button: '查看工单' },
  explanation_pending: { subject: '工单 {number} 超时说明待审批', body: '工单号：{number}', button: '去审批' },
  parts_low_stock: {
    subject: '备件低库存：{partName}',
    body: '备件：{partNumber} {partName}\n仓库：{warehouseName}\n可用 / 阈值：{available} / {threshold}',
    button: '查看库存',
  },
  test: { subject: '售后系统测试消息', body: '说明：机器人配置正确：此群将收到所选事件的通知', button: '打开售后系统' },
};

/**
 * The built-in SMS wording, as it would be registered with the gateway. The variables keep the order
 * the settings-only version sent them in ({code}; {number} then {status}), so a template registered
 * before this screen existed keeps working.
 */
export const SMS_DEFAULTS: Record<SmsTemplateKey, string> = {
  code: '您的验证码为{code}，5分钟内有效，请勿泄露给他人。',
  notice: '您的售后工单{number}状态已更新为：{status}，详情请登录服务门户查看。',
};

/** Sample values for the admin's preview of robot cards and SMS. */
export const CHANNEL_SAMPLE_VALUES: Record<string, string> = {
  number: 'WX20261130001',
  priority: '紧急',
  target: '首次响应',
  dueAt: '2026/11/30 18:00',
  partNumber: 'P-1001',
  partName: '主板',
  warehouseName: '上海中心仓',
  available: '1',
  threshold: '5',
  link: 'https://shouhou.example.cn/tickets/WX20261130001',
  code: '482913',
  status: '维修中',
};

/** WeCom's text_notice card shows at most six lines. */
export const ROBOT_MAX_LINES = 6;

/** `标签：内容` lines → [label, value] pairs; a line without a colon (full-width or not) is not a card line. */
export function robotLines(body: string): { lines: [string, string][]; badLine: number | null } {
  const lines: [string, string][] = [];
  const rows = body.split(/\r?\n/);
  for (const [i, row] of rows.entries()) {
    if (!row.trim()) continue;
    const at = row.search(/[：:]/);
    if (at <= 0) return { lines, badLine: i + 1 };
    lines.push([row.slice(0, at).trim(), row.slice(at + 1).trim()]);
  }
  return { lines, badLine: null };
}

/**
 * The parameters for the gateway, derived from the wording: each variable once, in the order it first
 * appears — 阿里云 takes them by name (TemplateParam JSON), 腾讯云 by position ({1}, {2}… TemplateParamSet).
 */
export function smsParams(wording: string, values: Partial<Record<string, string>>): [name: string, value: string][] {
  return variablesInOrder(wording).map((name) => [name, values[name] ?? '']);
}
