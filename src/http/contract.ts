import type { FastifyInstance, FastifyReply, RouteOptions } from 'fastify';
import { z } from 'zod';
import { ERROR_CATALOG, type ErrorCode } from '../domain/shared/errors';
import type { Access } from './auth';

// The API contract is checked when a route is added, like its access declaration (./auth.ts): a
// route that could drift from the OpenAPI document — no response schema, no operationId, no
// summary, no tag — stops the server from starting. Error responses are derived from what the route
// declares (access, path parameters, a body), so nobody types them per route and none is forgotten.

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Why a route is left out of the OpenAPI document (`schema.hide`). Only for routes that are not
     * part of the API itself; every other route is described and checked.
     */
    undocumented?: string;
  }
}

const ERROR_CODES = Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]];

/** The one error shape of every refusal (src/http/error-handler.ts). */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      /** In the caller's language (Accept-Language or the user's preference). */
      message: z.string(),
      /** Field-level problems: `path` names the part and field, e.g. body.contacts.1.name. */
      issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
      details: z.unknown().optional(),
      /** Quote it when reporting a problem: the server log has the same id. */
      requestId: z.string(),
    }),
  })
  .meta({ id: 'ErrorResponse' });

/** An error status a route documents, with what it means there (the shape is always the same). */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: errorResponseSchema } } };
}

/** 204: done, nothing to return. */
export function noContent(description: string) {
  return z.undefined().describe(description);
}

/** A response whose body is not JSON (a file, an event stream): what it is and its media type. */
export function rawResponse(description: string, mediaType: string, schema: z.ZodType = z.string()) {
  return { description, content: { [mediaType]: { schema } } };
}

/** The media types of the files the API generates. */
export const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * A generated file under a Chinese file name (RFC 5987, so every browser keeps the characters), never
 * cached: it holds customer data. A PDF opens in the browser (`inline`), anything else downloads.
 */
export function sendFile(
  reply: FastifyReply,
  bytes: Buffer,
  fileName: string,
  type: keyof typeof FILE_TYPES,
  disposition: 'inline' | 'attachment' = type === 'pdf' ? 'inline' : 'attachment',
) {
  return reply
    .header('content-type', FILE_TYPES[type])
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(bytes);
}

/** A generated PDF, opened in the browser. */
export function sendPdf(reply: FastifyReply, bytes: Buffer, fileName: string) {
  return sendFile(reply, bytes, fileName, 'pdf');
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const OPERATION_ID = /^[a-z]+[A-Z][A-Za-z0-9]*$/;

type Schema = { operationId?: unknown; summary?: unknown; tags?: unknown; hide?: unknown; params?: unknown; response?: Record<string, unknown> };

/** The error responses every route of this kind can give, before anything it adds itself. */
export function derivedErrors(method: string, access: Access | undefined, schema: Schema): Record<number, ReturnType<typeof errorResponse>> {
  const out: Record<number, ReturnType<typeof errorResponse>> = {
    // The input guard reads every path, query string, header and body, described or not.
    400: errorResponse('Invalid input: `issues` names each field (validation_failed)'),
  };
  if (access === 'portal') out[401] = errorResponse('No portal session, or it ended (unauthenticated)');
  else if (access && access !== 'public') out[401] = errorResponse('Not logged in, or the session or API token has ended (unauthenticated)');
  if (Array.isArray(access)) out[403] = errorResponse(`Only for: ${access.join(', ')} (forbidden)`);
  if (schema.params) out[404] = errorResponse('No such record (not_found)');
  if (BODY_METHODS.has(method)) {
    out[413] = errorResponse('The body is larger than the server accepts (payload_too_large)');
    out[415] = errorResponse('The body has a media type this route does not read (unsupported_media_type)');
  }
  return out;
}

/** Why a route's declaration is incomplete, or null when it is complete. */
export function contractProblem(route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>): string | null {
  const schema = (route.schema ?? {}) as Schema;
  const config = (route.config ?? {}) as { undocumented?: unknown };
  if (schema.hide)
    return typeof config.undocumented === 'string' && config.undocumented.trim()
      ? null
      : 'is hidden from the OpenAPI document without config.undocumented (the reason)';
  if (typeof schema.operationId !== 'string' || !OPERATION_ID.test(schema.operationId))
    return 'declares no camelCase verbNoun schema.operationId (e.g. listTickets)';
  if (typeof schema.summary !== 'string' || !schema.summary.trim()) return 'declares no schema.summary';
  if (!Array.isArray(schema.tags) || schema.tags.length === 0) return 'declares no schema.tags';
  const success = Object.keys(schema.response ?? {}).filter((s) => /^[23]/.test(s));
  if (!success.length) return 'declares no success response in schema.response (a zod schema, or rawResponse() for a body that is not JSON)';
  return null;
}

/**
 * Installs the start-up check and the derived error responses for every /api/v1 route. Pages of the
 * web app and its static files live outside /api/v1 and are not part of the API contract.
 */
export function installContract(app: FastifyInstance): void {
  const operationIds = new Map<string, string>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const methods = [route.method].flat().filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
    // Fastify adds a HEAD twin of every GET with the same options: checked once, as the GET.
    if (!methods.length) return;
    const where = `route ${methods.join(',')} ${route.url}`;
    const problem = contractProblem(route);
    if (problem) throw new Error(`${where} ${problem}`);
    const schema = route.schema as Schema | undefined;
    if (!schema || schema.hide) return;
    const id = schema.operationId as string;
    const taken = operationIds.get(id);
    if (taken) throw new Error(`${where} reuses operationId ${id} of ${taken}`);
    operationIds.set(id, where);
    const access = (route.config as { access?: Access } | undefined)?.access;
    // What the route documents itself (a 409 of its own, a login's 401) wins over the derived text.
    schema.response = { ...derivedErrors(methods[0]!, access, schema), ...schema.response };
    // Public routes need no credentials: the document's global security requirement does not apply.
    // Portal routes use the customer's portal cookie, not the staff credentials.
    if (access === 'public' || access === 'portal') (schema as { security?: unknown[] }).security = [];
  });
}
