import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

// How the API describes itself (GET /api/v1/openapi.json, /api/docs, web/src/lib/api-types.ts).
// Shared schemas are named with zod's `.meta({ id })` and become components; routes refer to them.

const TAGS = [
  { name: 'auth', description: '登录与个人设置 Log-in, log-out and the caller’s own settings' },
  { name: 'users', description: '用户与 API 令牌 Users, roles and API tokens (administrators)' },
  { name: 'customers', description: '客户与联系人 Customers and contacts; personal data is masked unless revealed' },
  { name: 'products', description: '产品型号与序列号设备 Product models and serial units with their warranty' },
  { name: 'tickets', description: '工单 Tickets: intake, lifecycle, timeline' },
  { name: 'attachments', description: '附件 Files attached to tickets' },
  { name: 'sla', description: '服务时限 Working calendars, SLA policies, contracts and timeout explanations' },
  { name: 'audit', description: '审计 Audit trail and its verification' },
  { name: 'notifications', description: '通知 The caller’s notifications' },
  { name: 'live', description: '实时 Live updates (Server-Sent Events)' },
  { name: 'channels', description: '短信与群机器人 SMS gateway and the teams’ group robots (administrators)' },
  { name: 'webhooks', description: '出站 Webhook Signed outbound webhooks for integrations (administrators)' },
  { name: 'system', description: '系统 Health of the running server' },
];

type Doc = ReturnType<typeof jsonSchemaTransformObject>;
type WithComponents = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

/**
 * Drops named schemas no operation reaches: every named zod schema is emitted twice (as input and
 * as output), and only the forms routes use belong in the document.
 */
export function pruneUnusedSchemas(doc: Doc): Doc {
  const { paths, components } = doc as WithComponents;
  const schemas = components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
        const name = child.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  visit(paths);
  const kept = Object.fromEntries(
    Object.entries(schemas)
      .filter(([name]) => used.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return { ...doc, components: { ...components, schemas: kept } } as Doc;
}

export const openApiOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'shouhou 售后 API',
      version: '1',
      description: 'After-sales service management API. Every refusal has the shape `{ error: { code, message, issues, requestId } }`.',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    // Relative: the document is served by the API it describes, wherever that runs.
    servers: [{ url: '/', description: 'This server' }],
    tags: TAGS,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'shouhou_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  },
  transform: jsonSchemaTransform,
  transformObject: (doc) => pruneUnusedSchemas(jsonSchemaTransformObject(doc)),
};
