// The one way the web app talks to the API: same origin, session cookie, JSON errors
// `{ error: { code, message, issues?, requestId } }` turned into ApiError with the translated message.
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let acceptLanguage = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

export function setApiLanguage(locale: string): void {
  acceptLanguage = locale;
}
export function setOnUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | string[] | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
    else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  form?: FormData;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage, ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(withQuery(`/api/v1${path}`, opts.query), {
    method: opts.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    credentials: 'same-origin',
    signal: opts.signal,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; issues?: FieldIssue[]; requestId?: string; details?: unknown } } | undefined)?.error;
    const err = new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.issues ?? [], e?.requestId, e?.details);
    if (res.status === 401 && !path.startsWith('/auth/') && path !== '/me') onUnauthenticated?.();
    throw err;
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Message to show for any thrown value, with the field issues appended. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const issues = err.issues.map((i) => `${i.path}: ${i.message}`).join('；');
    return issues ? `${err.message}（${issues}）` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
