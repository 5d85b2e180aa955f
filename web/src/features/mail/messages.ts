// Words of the mail pages, [zh-CN, en].
export const MAIL_MESSAGES = {
  menu: ['邮件与模板', 'Mail & templates'],
  smtpTab: ['发信设置', 'Outgoing mail'],
  templatesTab: ['消息模板', 'Message templates'],
  macrosTab: ['常用回复', 'Reply macros'],
  source: ['当前生效', 'In use'],
  sourceDatabase: ['管理页面设置', 'Admin settings'],
  sourceEnvironment: ['服务器环境变量', 'Environment (SHOUHOU_SMTP_URL)'],
  sourceNone: ['未设置：不发送邮件', 'Not set: no mail is sent'],
  host: ['SMTP 服务器', 'SMTP host'],
  port: ['端口', 'Port'],
  secure: ['SSL/TLS 直连（465 端口）', 'TLS from the start (port 465)'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  passwordKept: ['已保存（留空则不修改）', 'Stored (leave empty to keep)'],
  from: ['发件人', 'From'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  testTo: ['测试收件地址', 'Send a test mail to'],
  sendTest: ['发送测试邮件', 'Send a test mail'],
  testOk: ['测试邮件已发出', 'The test mail was accepted'],
  testFailed: ['发送失败：', 'Sending failed: '],
  inbound: ['收信', 'Incoming mail'],
  inboundOff: ['未开启内置收信（需在服务器环境变量中设置收信端口）', 'Built-in receiving is off (set SHOUHOU_INBOUND_SMTP_PORT)'],
  inboundOn: ['内置收信端口 {port}，客服邮箱 {address}', 'Receiving on port {port} for {address}'],
  event: ['事件', 'Event'],
  language: ['语言', 'Language'],
  subject: ['主题', 'Subject'],
  body: ['正文', 'Body'],
  customised: ['已修改', 'Edited'],
  builtIn: ['默认', 'Built-in'],
  edit: ['编辑', 'Edit'],
  reset: ['恢复默认', 'Reset'],
  preview: ['预览', 'Preview'],
  previewHint: ['保存前用示例数据预览', 'Preview with sample values before saving'],
  variables: ['可用变量', 'Variables'],
  title: ['标题', 'Title'],
  addMacro: ['新建常用回复', 'New reply macro'],
  delete: ['删除', 'Delete'],
  insertMacro: ['插入常用回复', 'Insert a reply macro'],
  noMacros: ['还没有常用回复', 'No reply macros yet'],
  actions: ['操作', 'Actions'],
  channel: ['渠道', 'Channel'],
  channelEmail: ['邮件', 'E-mail'],
  channelSms: ['短信', 'SMS'],
  channelRobot: ['群机器人', 'Group robots'],
  cardTitle: ['卡片标题', 'Card title'],
  cardLines: ['卡片内容', 'Card lines'],
  cardLinesHint: ['每行一项，写作“标签：内容”，最多 6 行', 'One line per item, written "label: value"; at most 6 lines'],
  button: ['按钮文字', 'Button text'],
  smsBody: ['短信内容', 'SMS text'],
  smsBodyHint: [
    '须与在短信服务商处报备通过的模板一致（签名由服务商添加）；阿里云按变量名传参，腾讯云按变量出现的先后顺序依次传参',
    'Must match the template approved by the SMS provider (it adds the signature); Aliyun gets the variables by name, Tencent in the order they appear',
  ],
  smsCode: ['模板 CODE / ID', 'Template code / ID'],
  smsCodeHint: ['模板 CODE / ID 在「消息渠道 › 短信网关」中填写', 'Template codes / IDs are set under Channels › SMS gateway'],
  smsCodeMissing: ['未设置', 'Not set'],
  robotHint: [
    '群机器人（企业微信 / 钉钉 / 飞书）卡片的标题、内容和按钮；卡片格式由系统生成，仅中文。',
    'Title, lines and button of the group robot cards (WeCom / DingTalk / Feishu); the card format is built by the system. Chinese only.',
  ],
  params: ['发送给服务商的参数', 'Parameters sent to the provider'],
  previewEmpty: ['（无）', '(none)'],
  imapTab: ['收信邮箱', 'Incoming mailbox'],
  imapIntro: [
    '邮箱托管在腾讯企业邮、阿里企业邮等处、无法把 MX 指向本系统时，系统定时登录客服邮箱（IMAP）读取新邮件并生成工单。',
    'When the mailbox is hosted elsewhere (Tencent or Alibaba enterprise mail) and MX cannot point here, the server logs in to the support mailbox over IMAP and files new mail as tickets.',
  ],
  imapSourceEnvironment: ['服务器环境变量', 'Environment (SHOUHOU_IMAP_URL)'],
  imapSourceNone: ['未设置：不轮询收信', 'Not set: no mailbox is polled'],
  imapHost: ['IMAP 服务器', 'IMAP host'],
  imapTls: ['加密方式', 'Encryption'],
  tlsImplicit: ['SSL/TLS 直连（993 端口）', 'TLS from the start (port 993)'],
  tlsStarttls: ['STARTTLS（143 端口）', 'STARTTLS (port 143)'],
  tlsNone: ['不加密（仅限本机服务器）', 'None (this machine only)'],
  imapFolder: ['文件夹', 'Folder'],
  pollSeconds: ['轮询间隔（秒）', 'Poll every (seconds)'],
  imapEnabled: ['开启收信轮询', 'Poll this mailbox'],
  testImap: ['测试连接', 'Test connection'],
  imapOk: ['连接成功，有 {n} 封未读邮件待处理', 'Connected: {n} unseen messages waiting'],
  imapFailed: ['连接失败：', 'Connection failed: '],
  lastPolled: ['上次收信', 'Last polled'],
  lastError: ['上次收信出错', 'Last poll failed'],
} as const satisfies Record<string, readonly [string, string]>;

/** Each channel's templates: e-mail events, SMS purposes, robot events. */
export const CHANNEL_KEY_LABELS: Record<string, Record<string, readonly [string, string]>> = {
  sms: {
    code: ['验证码短信', 'One-time code'],
    notice: ['状态通知短信', 'Status notice'],
  },
  robot: {
    ticket_urgent: ['紧急工单', 'Urgent ticket'],
    sla_breached: ['已超时', 'SLA breached'],
    sla_warning: ['即将超时', 'SLA about to breach'],
    explanation_pending: ['超时说明待审批', 'Breach explanation to approve'],
    parts_low_stock: ['备件低库存', 'Part low on stock'],
    test: ['测试消息', 'Test message'],
  },
};

export const TEMPLATE_KEY_LABELS: Record<string, readonly [string, string]> = {
  received: ['受理确认（工单号与承诺时限）', 'Received (number and promised times)'],
  reply: ['回复客户', 'Reply to the customer'],
  progress: ['进度通报', 'Progress update'],
  quote: ['报价待确认', 'Quote to approve'],
  resolved: ['已解决', 'Resolved'],
  survey: ['满意度回访', 'Follow-up survey'],
  test: ['测试邮件', 'Test mail'],
};

export const VARIABLE_LABELS: Record<string, readonly [string, string]> = {
  number: ['工单号', 'ticket number'],
  customer: ['客户名称', 'customer'],
  title: ['工单标题', 'ticket title'],
  promisedAt: ['承诺时限', 'promised times'],
  link: ['工单链接', 'link'],
  body: ['回复内容', 'reply text'],
  status: ['状态', 'status'],
  agent: ['客服', 'agent'],
  priority: ['优先级', 'priority'],
  target: ['时限类型', 'SLA target'],
  dueAt: ['截止时间（北京时间）', 'deadline (Beijing time)'],
  partNumber: ['备件编号', 'part number'],
  partName: ['备件名称', 'part name'],
  warehouseName: ['仓库', 'warehouse'],
  available: ['可用数量', 'available'],
  threshold: ['预警阈值', 'threshold'],
  code: ['验证码', 'one-time code'],
};

export const channelKeyLabel = (channel: string, key: string, i: 0 | 1) =>
  (channel === 'email' ? TEMPLATE_KEY_LABELS[key] : CHANNEL_KEY_LABELS[channel]?.[key])?.[i] ?? key;

export const DELIVERY_LABELS: Record<string, { text: readonly [string, string]; color: string }> = {
  queued: { text: ['邮件发送中', 'Mail sending'], color: 'processing' },
  sent: { text: ['邮件已送达服务器', 'Mail delivered'], color: 'success' },
  failed: { text: ['邮件发送失败', 'Mail failed'], color: 'error' },
  bounced: { text: ['邮件被退回', 'Mail bounced'], color: 'error' },
  received: { text: ['来自客户邮件', 'From customer mail'], color: 'blue' },
};

/** 短信 on the ticket page: each status notice and where it stands at the gateway. */
export const SMS_DELIVERY_LABELS: Record<'queued' | 'sent' | 'failed', { text: readonly [string, string]; color: string }> = {
  queued: { text: ['短信排队中', 'SMS queued'], color: 'processing' },
  sent: { text: ['短信已发送', 'SMS sent'], color: 'success' },
  failed: { text: ['短信发送失败', 'SMS failed'], color: 'error' },
};
export const SMS_LIST_TITLE = ['短信通知', 'SMS notices'] as const;

export type MailMessageKey = keyof typeof MAIL_MESSAGES;
export function mailText(locale: string) {
  const i = locale === 'en' ? 1 : 0;
  return (key: MailMessageKey, vars: Record<string, string | number> = {}) =>
    MAIL_MESSAGES[key][i].replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}
