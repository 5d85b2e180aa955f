import type { FastifyRequest } from 'fastify';
import type { Locale } from '../domain/shared/errors';

/** zh-CN unless the caller asks for English (Accept-Language or ?lang=en) or their profile says so. */
export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'zh-CN') return q;
  const header = req.headers['accept-language'];
  if (typeof header === 'string' && header.trim().toLowerCase().startsWith('en')) return 'en';
  if (req.user?.locale === 'en') return 'en';
  return 'zh-CN';
}
