import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

// Security headers on every response — the web app, /api/docs, the API and error answers — set by
// helmet on the raw response in an onRequest hook, so even the hijacked live stream has them, and
// around Fastify's framework errors (a malformed URL), which are answered before any hook runs.
// (helmet itself rather than @fastify/helmet: the wrapper only offers that hook, plus nonces we do
// not use, and cannot reach the framework-error path.)
//
// Content-Security-Policy: scripts only from this origin, never inline (the built web app and
// swagger-ui both load their scripts from files). Styles also allow 'unsafe-inline': antd's CSS-in-JS
// injects <style> elements at run time and sets style attributes, swagger-ui sets style attributes,
// and index.html carries a small inline <style>. A nonce would need index.html rendered per request
// and threaded into antd's ConfigProvider; inline styles cannot run code, so that is the trade-off.
// Images allow data: (antd's and swagger-ui's inline SVG icons, the empty favicon).
// No upgrade-insecure-requests: a plain-HTTP install on a LAN address would have every asset
// rewritten to https and fail. Strict-Transport-Security only behind HTTPS (COOKIE_SECURE=1), since
// a browser pins it for a year.
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'"],
  'upgrade-insecure-requests': null,
};

// The app uses none of these browser features (file uploads need no permission): deny them all,
// to this page and to anything it might embed. Only names Chromium knows, or it logs an error.
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export interface SecurityHeaderOptions {
  /** Served over HTTPS: add Strict-Transport-Security. Default: COOKIE_SECURE=1, which says so. */
  https?: boolean;
}

type RawMiddleware = (req: FastifyRequest['raw'], res: ServerResponse, next: (err?: unknown) => void) => void;

function headerSetter(opts: SecurityHeaderOptions): (req: FastifyRequest, reply: FastifyReply) => void {
  const middleware: RawMiddleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: (opts.https ?? process.env.COOKIE_SECURE === '1') ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    // Cross-Origin-Resource-Policy same-origin (the default) keeps other sites from embedding
    // attachments or API answers; integrations call the API from servers, which it does not affect.
  });
  return (req, reply) => {
    middleware(req.raw, reply.raw, (err) => {
      if (err) throw err;
    });
    reply.raw.setHeader('permissions-policy', PERMISSIONS_POLICY);
  };
}

/** Registers the headers for every route; call before any route or plugin is registered. */
export function registerSecurityHeaders(app: FastifyInstance, opts: SecurityHeaderOptions = {}): void {
  const set = headerSetter(opts);
  app.addHook('onRequest', (req, reply, done) => {
    set(req, reply);
    done();
  });
}

/** Wraps Fastify's `frameworkErrors` handler so those answers carry the headers too. */
export function withSecurityHeaders<H extends (err: never, req: FastifyRequest, reply: FastifyReply) => unknown>(
  handler: H,
  opts: SecurityHeaderOptions = {},
): H {
  const set = headerSetter(opts);
  return ((err: never, req: FastifyRequest, reply: FastifyReply) => {
    set(req, reply);
    return handler(err, req, reply);
  }) as H;
}
