import type { FastifyRequest } from 'fastify';

// Logs are read by more people and kept longer than the database is guarded: they must carry no
// secrets (password hashes, tokens) and no customer data (phone numbers, e-mail addresses).
// Two routes in were found: the query string of a request (GET /customers?phone=…) and a database
// error, whose driver attaches the statement's parameters (a password hash on a users insert) and
// whose messages and details quote the offending values.

/** Where logs go: a stream for tests that read them back, else stdout. */
export type LoggerSetting = boolean | { stream: NodeJS.WritableStream; level?: string };

/** The Fastify `logger` option: pino with serializers that redact requests and errors. */
export function loggerOptions(setting: LoggerSetting | undefined) {
  if (!setting) return false as const;
  return {
    level: typeof setting === 'object' && setting.level ? setting.level : (process.env.LOG_LEVEL ?? 'info'),
    ...(typeof setting === 'object' ? { stream: setting.stream } : {}),
    serializers: { req: redactRequest, err: (err: unknown) => redactError(err) },
  };
}

/** The path as is, every query value replaced: `/customers?phone=~&limit=~`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => `${pair.split('=')[0]}=~`)
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

export function redactRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

// Fields drivers attach that hold values: pg/PGlite `detail` ("Key (username)=(bob) already
// exists"), `where`, `hint`, `internalQuery`; drizzle's and PGlite's `params`/`queryOptions`.
const DROPPED = new Set([
  'params',
  'parameters',
  'detail',
  'where',
  'hint',
  'internalQuery',
  'queryOptions',
  'raw',
  'input',
  'body',
  'password',
  'passwordHash',
]);

/** Text of a message or stack with statement parameters, quoted values and secrets taken out. */
export function redactText(text: string): string {
  return (
    text
      // drizzle: "Failed query: <sql>\nparams: <values>" (the stack repeats it before the frames)
      .replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [redacted]')
      // PostgreSQL quotes the value it refused: `invalid input syntax for type uuid: "…"`, `value "…" is out of range`
      .replace(/(:\s*|\bvalue\s+)"(?:[^"]|"")*"/g, '$1"[redacted]"')
      .replace(/\)=\([^)]*\)/g, ')=([redacted])')
      .replace(/scrypt\$[^\s"',)]+/g, '[redacted]')
      .replace(/shh_[A-Za-z0-9_-]{16,}/g, '[redacted]')
  );
}

export type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

/** A plain, log-safe copy of an error (and its causes): what happened, never the values involved. */
export function redactError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error) && !(err && typeof err === 'object' && 'message' in err)) {
    return { type: typeof err, message: redactText(String(err)), stack: '' };
  }
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = {
    type: e.constructor?.name ?? e.name,
    message: redactText(String(e.message ?? '')),
    stack: typeof e.stack === 'string' ? redactText(e.stack) : '',
  };
  for (const [key, value] of Object.entries(e)) {
    if (DROPPED.has(key) || key in out || key === 'cause' || key === 'errors' || value instanceof Error) continue;
    out[key] = redactValue(value, depth);
  }
  if (e.cause !== undefined && depth < 3) out.cause = redactError(e.cause, depth + 1);
  if (Array.isArray(e.errors) && depth < 3) out.errors = e.errors.slice(0, 10).map((x) => redactError(x, depth + 1));
  return out;
}

/** Structured extras (AppError details, zod issues): the same fields dropped, every text redacted. */
function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !DROPPED.has(k))
      .map(([k, v]) => [k, redactValue(v, depth + 1)]),
  );
}
