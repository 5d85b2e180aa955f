// One error type for the whole product; one Fastify handler maps it to HTTP (src/http/error-handler.ts).
// `code` is machine-readable and stable; messages exist in zh-CN (default) and en.

export type Locale = 'zh-CN' | 'en';

export const ERROR_CATALOG = {
  validation_failed: { status: 400, zh: '输入有误', en: 'Invalid input' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please log in' },
  invalid_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  conflict: { status: 409, zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  customer_exists: {
    status: 409,
    zh: '该电话或邮箱已属于现有客户：请选用该客户，或确认新建',
    en: 'This phone or e-mail belongs to an existing customer: pick that customer, or confirm a new one',
  },
  illegal_transition: { status: 409, zh: '当前状态不允许此操作', en: 'This status change is not allowed' },
  timeout_explanation_required: {
    status: 409,
    zh: '工单已超时：需经售后经理批准的超时说明后才能归档',
    en: 'The ticket is overdue: it can be closed only with a timeout explanation a service manager approved',
  },
  idempotency_key_reused: {
    status: 422,
    zh: '幂等键已用于不同的请求',
    en: 'The Idempotency-Key was already used for a different request',
  },
  request_timeout: { status: 408, zh: '请求超时', en: 'The request took too long to arrive' },
  payload_too_large: { status: 413, zh: '文件过大', en: 'File too large' },
  uri_too_long: { status: 414, zh: '请求地址过长', en: 'The request URL is too long' },
  unsupported_media_type: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  headers_too_large: { status: 431, zh: '请求头过大', en: 'The request headers are too large' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  database_unavailable: {
    status: 503,
    zh: '数据库暂时不可用，请稍后重试（本次操作未保存）',
    en: 'The database is briefly unavailable; try again shortly (nothing was saved)',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: FieldIssue[] | undefined;
  /** Shown to the user instead of the catalogue message; pick per locale. */
  readonly userMessage: { zh: string; en: string } | undefined;

  constructor(
    code: ErrorCode,
    opts: {
      message?: string;
      userMessage?: { zh: string; en: string };
      details?: Record<string, unknown>;
      issues?: FieldIssue[];
    } = {},
  ) {
    super(opts.message ?? code);
    this.code = code;
    this.details = opts.details;
    this.issues = opts.issues;
    this.userMessage = opts.userMessage;
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export function messageFor(code: ErrorCode, locale: Locale): string {
  const entry = ERROR_CATALOG[code];
  return locale === 'en' ? entry.en : entry.zh;
}

export function notFound(what: string, id: string | number): AppError {
  return new AppError('not_found', {
    message: `${what} ${id} not found`,
    userMessage: { zh: `${whatZh(what)}不存在：${id}`, en: `${what} not found: ${id}` },
    details: { resource: what, id },
  });
}

const WHAT_ZH: Record<string, string> = {
  ticket: '工单',
  customer: '客户',
  contact: '联系人',
  'product model': '产品型号',
  'serial unit': '序列号设备',
  user: '用户',
  attachment: '附件',
  event: '事件',
  calendar: '日历',
  'SLA policy': '服务时限策略',
  contract: '服务协议',
  'timeout explanation': '超时说明',
  notification: '通知',
  'API token': 'API 令牌',
  'repair order': '维修单',
  'recompute job': '重算任务',
  'reply macro': '常用回复',
  'mail message': '邮件',
  label: '二维码标签',
  unit: '设备',
};
function whatZh(what: string): string {
  return WHAT_ZH[what] ?? what;
}

/** A field-level validation error raised by a service (e.g. a referenced id that does not exist). */
export function invalidField(path: string, zh: string, en: string, code = 'invalid'): AppError {
  return new AppError('validation_failed', {
    message: `${path}: ${en}`,
    userMessage: { zh, en },
    issues: [{ path, code, message: en }],
    details: { zh, en },
  });
}
