import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, messageFor, type ErrorCode, type FieldIssue, type Locale } from '../domain/shared/errors';
import { requestLocale } from './locale';
import { serveWebFallback } from './web';

// The single place where errors become HTTP responses (STYLE: one error type, one mapping).
// Shape: { error: { code, message, issues?: [{ path, code, message }], details?, requestId } }
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
  return { error: { code, message, ...extra, requestId } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const locale = requestLocale(req);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      const issues: FieldIssue[] = err.validation.map((v) => {
        const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
        return { path, code: v.keyword, message: localizedIssue(v.params as Record<string, unknown>, v.keyword, v.message ?? '', locale) };
      });
      return reply.status(400).send(body('validation_failed', messageFor('validation_failed', locale), req.id, { issues }));
    }
    if (err instanceof AppError) {
      const message = err.userMessage ? (locale === 'en' ? err.userMessage.en : err.userMessage.zh) : messageFor(err.code, locale);
      if (err.status >= 500) req.log.error({ err }, 'app error');
      return reply.status(err.status).send(body(err.code, message, req.id, { issues: err.issues, details: err.details }));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send(body('payload_too_large', messageFor('payload_too_large', locale), req.id));
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send(body('rate_limited', messageFor('rate_limited', locale), req.id));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return reply.status(415).send(body('unsupported_media_type', messageFor('unsupported_media_type', locale), req.id));
    }
    // Malformed JSON, bad multipart and other client mistakes Fastify detects itself.
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .status(400)
        .send(body('validation_failed', messageFor('validation_failed', locale), req.id, { issues: [{ path: 'body', code: fe.code ?? 'bad_request', message: fe.message }] }));
    }
    if (isResponseSerializationError(err)) req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', messageFor('internal', locale), req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    // Pages of the web app (client-side routes) get index.html; /api/* keeps its JSON 404.
    if (serveWebFallback(req, reply)) return;
    const locale = requestLocale(req);
    reply.status(404).send(body('not_found', messageFor('not_found', locale), req.id));
  });
}
