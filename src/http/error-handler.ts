import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERROR_CATALOG, messageFor, type ErrorCode, type FieldIssue, type Locale } from '../domain/shared/errors';
import { TEXT_ISSUES } from '../domain/shared/text';
import { requestLocale } from './locale';
import { serveWebFallback } from './web';

// The single place where errors become HTTP responses (STYLE: one error type, one mapping).
// Shape: { error: { code, message, issues: [{ path, code, message }], details?, requestId } } — for
// every status, including the errors Fastify, its plugins and Node's HTTP parser raise themselves.
const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

function localizedIssue(params: Record<string, unknown>, code: string, fallback: string, locale: Locale): string {
  // A custom rule's own message says what is wrong ("ranges overlap"); zod's locale would only say
  // "invalid". Those messages are written in English, so Chinese callers get both.
  if (code === 'custom') return locale === 'en' ? fallback : `输入无效（${fallback}）`;
  const issue = { ...(params as object), code } as Parameters<typeof zhLocale.localeError>[0];
  try {
    const out = (locale === 'en' ? enLocale : zhLocale).localeError(issue);
    if (typeof out === 'string') return out;
    if (out && typeof out === 'object' && 'message' in out && typeof out.message === 'string') return out.message;
  } catch {
    // fall through to zod's own text
  }
  return fallback;
}

function body(code: ErrorCode, message: string, requestId: string, extra: { issues?: FieldIssue[]; details?: unknown } = {}) {
  return { error: { code, message, issues: extra.issues ?? [], ...(extra.details === undefined ? {} : { details: extra.details }), requestId } };
}

/** Text rules shared with the input guard (text()) carry their own code; report that, translated. */
function knownIssue(params: Record<string, unknown>): keyof typeof TEXT_ISSUES | undefined {
  const code = (params.params as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code in TEXT_ISSUES ? (code as keyof typeof TEXT_ISSUES) : undefined;
}

// @fastify/multipart passes busboy's parse errors through as plain Errors ("Unexpected end of
// multipart data", "Multipart: Boundary not found"): recognised by where they were raised.
const BUSBOY_FRAME = /[\\/]@fastify[\\/]busboy[\\/]/;
const MULTIPART_LIMITS = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

export function sendError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(req);
  const send = (code: ErrorCode, extra: { issues?: FieldIssue[]; details?: unknown; message?: string; status?: number } = {}) =>
    reply.status(extra.status ?? ERROR_CATALOG[code].status).send(body(code, extra.message ?? messageFor(code, locale), req.id, extra));
  const clientIssue = (path: string, code: string, message: string) => send('validation_failed', { issues: [{ path, code, message }] });

  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const issues: FieldIssue[] = err.validation.map((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const params = v.params as Record<string, unknown>;
      const own = knownIssue(params);
      if (own) return { path, code: own, message: locale === 'en' ? TEXT_ISSUES[own].en : TEXT_ISSUES[own].zh };
      return { path, code: v.keyword, message: localizedIssue(params, v.keyword, v.message ?? '', locale) };
    });
    return send('validation_failed', { issues });
  }
  if (err instanceof AppError) {
    const message = err.userMessage ? (locale === 'en' ? err.userMessage.en : err.userMessage.zh) : messageFor(err.code, locale);
    if (err.status >= 500) req.log.error({ err }, 'app error');
    return send(err.code, { message, issues: err.issues, details: err.details });
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return send('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send('unsupported_media_type');
    case 'FST_ERR_BAD_URL':
      return clientIssue('url', 'bad_url', locale === 'en' ? 'The URL is not valid percent-encoded UTF-8' : '请求地址编码无效');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return send('uri_too_long');
  }
  if (MULTIPART_LIMITS.has(fe.code ?? '')) {
    // Too many parts is a mistake in the form, not an oversized file: 400 naming the limit.
    return clientIssue('file', 'too_many_parts', locale === 'en' ? `Too many files or fields (${fe.message})` : `文件或字段过多（${fe.message}）`);
  }
  if (!fe.statusCode && BUSBOY_FRAME.test(err.stack ?? '')) {
    return clientIssue('body', 'malformed_multipart', locale === 'en' ? 'The multipart/form-data body is malformed' : 'multipart/form-data 请求体格式错误');
  }
  if (fe.statusCode === 429) return send('rate_limited');
  if (fe.statusCode === 404) return send('not_found');
  if (fe.statusCode === 413) return send('payload_too_large');
  if (fe.statusCode === 415) return send('unsupported_media_type');
  // Malformed JSON, a poisoned prototype key and other client mistakes Fastify detects itself.
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return clientIssue('body', fe.code ?? 'bad_request', fe.message);

  if (isConnectionLoss(err)) {
    // A restart, failover or killed backend: the transaction rolled back, so the client may retry.
    req.log.warn({ err }, 'database connection lost');
    reply.header('retry-after', '2');
    return send('database_unavailable');
  }
  if (isResponseSerializationError(err)) req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
  else req.log.error({ err }, 'unhandled error');
  return send('internal');
}

// SQLSTATE classes 08 (connection exception) and 57P0x (admin/crash shutdown, cannot connect now),
// and what node-postgres raises when the socket goes away under a query.
const LOST_CONNECTION = /^(08...|57P0[1-4])$/;
const LOST_CONNECTION_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|Client has encountered a connection error|terminating connection/i;

/** True when the database, not the request, failed: the error itself or its cause (drizzle wraps). */
export function isConnectionLoss(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (LOST_CONNECTION.test(e.code) || e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) return true;
  if (typeof e.message === 'string' && LOST_CONNECTION_MESSAGE.test(e.message) && !(err instanceof AppError)) return true;
  return isConnectionLoss(e.cause, depth + 1);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);

  app.setNotFoundHandler((req, reply) => {
    // Pages of the web app (client-side routes) get index.html; /api/* keeps its JSON 404.
    if (serveWebFallback(req, reply)) return;
    return sendError(new AppError('not_found'), req, reply);
  });
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers over the size limit,
 * garbage on the wire, slow senders). Answer those in the same shape; the locale is unknown there.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'validation_failed';
  const status = ERROR_CATALOG[code].status;
  if (!socket.writable) {
    socket.destroy(err);
    return;
  }
  const payload = JSON.stringify(body(code, messageFor(code, 'zh-CN'), randomUUID()));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}
