import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context';
import { AppError } from '../domain/shared/errors';
import { actorOf, userForApiToken, userForSession, type AuthUser } from '../modules/identity/identity.service';
import type { Role } from '../domain/identity/roles';
import { PORTAL_COOKIE, sessionTicket } from '../modules/portal/portal-access';

export const SESSION_COOKIE = 'shouhou_session';

/**
 * Every API route declares who may call it in `config.access`:
 *   'public'  — anyone (log-in, health, OpenAPI),
 *   'any'     — any logged-in user,
 *   'portal'  — a customer's portal session (its own cookie, one ticket); no staff session opens it,
 *   Role[]    — only these roles.
 * A route without a declaration is refused at start-up, so none can be forgotten.
 */
export type Access = 'public' | 'any' | 'portal' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: AuthUser | null;
    /** The one ticket a portal session may see (routes with access 'portal'). */
    portalTicketId: string | null;
  }
}

export const registeredAccess: { method: string; url: string; access: Access }[] = [];

export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('user', null);
  app.decorateRequest('portalTicketId', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      registeredAccess.push({ method, url: route.url, access });
    }
  });

  // Checked in onRequest, before body validation, so a refused caller learns nothing about the
  // route's input and a 401/403 always wins over a 400.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (access === 'portal') {
      req.portalTicketId = await sessionTicket(ctx, req.cookies?.[PORTAL_COOKIE]);
      if (!req.portalTicketId) throw new AppError('unauthenticated');
      return;
    }
    req.user = await authenticate(ctx, req);
    if (!access || access === 'public') return;
    if (!req.user) throw new AppError('unauthenticated');
    if (access === 'any') return;
    if (!access.includes(req.user.role)) {
      throw new AppError('forbidden', { details: { required: access, role: req.user.role } });
    }
  });
}

/** Who the request's credentials name now; long-lived requests (the live stream) ask again. */
export async function authenticate(ctx: AppContext, req: FastifyRequest): Promise<AuthUser | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return userForApiToken(ctx, header.slice(7).trim());
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) return userForSession(ctx, cookie);
  return null;
}

/** The ticket of the portal session (a route with access 'portal'). */
export function portalTicket(req: FastifyRequest): string {
  if (!req.portalTicketId) throw new AppError('unauthenticated');
  return req.portalTicketId;
}

/** The logged-in user of a route that declared access other than 'public'. */
export function currentUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('unauthenticated');
  return req.user;
}
export function currentActor(req: FastifyRequest) {
  return actorOf(currentUser(req));
}

export {
  ADMIN,
  ASSIGNERS,
  CATALOG_EDITORS,
  CUSTOMER_READERS,
  INTAKE,
  MANAGERS,
  PII_REVEALERS,
  RETURN_DESK,
  SERVICE_DESK,
  STAFF,
  UNIT_EDITORS,
} from '../domain/identity/roles';
