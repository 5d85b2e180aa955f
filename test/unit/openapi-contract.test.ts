import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_TYPES_FILE, renderApiTypes } from '../../scripts/gen-api-types';
import { describeProblem, lintOpenApi } from '../../scripts/lint-openapi';
import { installContract } from '../../src/http/contract';
import { buildOpenApiDocument } from '../../src/http/openapi-document';

// Issue 8 seam 4: the API contract cannot drift. The document the server publishes passes Redocly's
// recommended rules, every operation is fully described, the web app's types are generated from it,
// and a route that is not fully described stops the server from starting.

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

let doc: Doc;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, method, path, op })),
  );

beforeAll(async () => {
  doc = (await buildOpenApiDocument()) as unknown as Doc;
}, 120_000);

describe('the published OpenAPI document', () => {
  it('passes `redocly lint` (recommended rules) with no errors', async () => {
    const report = await lintOpenApi(doc as unknown as Record<string, unknown>);
    expect(report.problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('gives every operation a unique camelCase operationId, a summary, a tag and a success response', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(60);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { where, op } of ops) {
      expect(op.summary?.trim(), where).toBeTruthy();
      expect(op.tags?.length, where).toBeGreaterThan(0);
      const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      expect(success.length, where).toBeGreaterThan(0);
      // A success with a body names what the body is (JSON schema or another media type).
      for (const [status, r] of success) if (status !== '204') expect(Object.keys(r.content ?? {}), `${where} ${status}`).not.toEqual([]);
    }
  });

  it('documents the error responses each operation can give, in the one error shape', () => {
    const missing: string[] = [];
    for (const { where, method, op } of operations()) {
      const expected = ['400'];
      if (op.security === undefined) expected.push('401'); // public operations carry security: []
      if (op.parameters?.some((p) => p.in === 'path')) expected.push('404');
      if (['post', 'put', 'patch'].includes(method)) expected.push('413', '415');
      for (const status of expected) {
        const schema = op.responses[status]?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ErrorResponse') missing.push(`${where} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['401', '429']));
    expect(Object.keys(doc.paths['/api/v1/tickets/{id}/transitions']!.post!.responses)).toEqual(expect.arrayContaining(['403', '409']));
  });

  it('names the shared schemas', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['ErrorResponse', 'Customer', 'User', 'SlaPolicy', 'Calendar', 'Contract', 'AuditEvent', 'TicketListItem']),
    );
  });

  it('matches the committed web/src/lib/api-types.ts (run `npm run gen:api` after changing a route)', async () => {
    const fresh = await renderApiTypes(doc as unknown as Record<string, unknown>);
    expect(readFileSync(API_TYPES_FILE, 'utf8') === fresh, 'web/src/lib/api-types.ts is stale: run npm run gen:api').toBe(true);
  }, 60_000);
});

describe('the start-up check (src/http/contract.ts)', () => {
  const ok = { operationId: 'getThing', summary: 'A thing', tags: ['things'], response: { 200: z.object({ ok: z.boolean() }) } };

  const responses = new Map<string, string[]>();
  async function register(schema: Record<string, unknown>, config: Record<string, unknown> = { access: 'any' }): Promise<FastifyInstance> {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installContract(app);
    app.addHook('onRoute', (r) => {
      if (r.method === 'GET') responses.set(r.url, Object.keys((r.schema as { response?: object } | undefined)?.response ?? {}));
    });
    await app.register(
      async (api) => {
        api.get('/things/:id', { config, schema: { params: z.object({ id: z.string() }), ...schema } }, async () => ({ ok: true }));
        api.get('/other', { config, schema: { ...ok, operationId: 'getOther' } }, async () => ({ ok: true }));
      },
      { prefix: '/api/v1' },
    );
    await app.ready();
    return app;
  }

  it('accepts a fully described route and adds its error responses', async () => {
    const app = await register(ok, { access: ['admin'] });
    const res = await app.inject({ url: '/api/v1/things/x' });
    expect(res.json()).toEqual({ ok: true });
    // Derived from the declaration: any input (400), a login (401), roles (403), a path parameter (404).
    expect(responses.get('/api/v1/things/:id')?.sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(responses.get('/api/v1/other')?.sort()).toEqual(['200', '400', '401', '403']);
    await app.close();
  });

  it.each([
    ['no response schema', { ...ok, response: undefined }, /no success response/],
    ['only an error response', { ...ok, response: { 404: z.object({}) } }, /no success response/],
    ['no operationId', { ...ok, operationId: undefined }, /operationId/],
    ['an operationId that is not camelCase verbNoun', { ...ok, operationId: 'things_get' }, /operationId/],
    ['an operationId another route uses', { ...ok, operationId: 'getOther' }, /reuses operationId getOther/],
    ['no summary', { ...ok, summary: ' ' }, /summary/],
    ['no tags', { ...ok, tags: [] }, /tags/],
    ['hidden without a reason', { hide: true }, /config.undocumented/],
  ])('refuses to start with a route that has %s', async (_what, schema, message) => {
    await expect(register(schema)).rejects.toThrow(message);
  });

  it('lets a route leave the document only with a reason', async () => {
    const app = await register({ hide: true }, { access: 'public', undocumented: 'internal probe' });
    await app.close();
  });
});
