import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/shared/errors';
import { findUnsafeInput, isSafeText, TEXT_ISSUES } from '../domain/shared/text';
import { requestLocale } from './locale';

/** Longer request targets are refused with 414 before any route code runs (Node's own limit is 16 KiB for all headers). */
export const MAX_URL_LENGTH = 8 * 1024;

const PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/**
 * Every route's input passes one text rule before its schema sees it (src/domain/shared/text.ts):
 * no NUL, no lone surrogate, no absurd nesting — in any body, path parameter, query string or header,
 * of any route, including routes whose schema does not describe that part.
 */
export function installInputGuard(app: FastifyInstance): void {
  // Registered before authentication, so an oversized target costs no session lookup.
  app.addHook('onRequest', async (req) => {
    if (req.url.length > MAX_URL_LENGTH) throw new AppError('uri_too_long', { details: { maxLength: MAX_URL_LENGTH } });
  });

  // preValidation runs after the access check (401/403 still win) and before zod.
  app.addHook('preValidation', async (req) => {
    const values = { params: req.params, querystring: req.query, body: req.body, headers: req.headers };
    for (const part of PARTS) {
      const bad = findUnsafeInput(values[part]);
      if (!bad) continue;
      // The offending key may itself be the bad text: show it with U+FFFD so the answer is clean.
      const path = [part, ...bad.path.map((p) => (typeof p === 'string' && !isSafeText(p) ? p.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD') : String(p)))].join(
        '.',
      );
      const text = TEXT_ISSUES[bad.code];
      throw new AppError('validation_failed', {
        message: `${path}: ${text.en}`,
        issues: [{ path, code: bad.code, message: requestLocale(req) === 'en' ? text.en : text.zh }],
      });
    }
  });
}
