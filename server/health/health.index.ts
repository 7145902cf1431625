import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { SECURITY } from '../api-security';
import type { AppEnv } from '../context';

const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

const health = createRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/api/v1/health',
  tags: ['operations'],
  summary: 'Liveness and the database the server uses',
  security: SECURITY.none,
  responses: { 200: { description: 'Up', content: { 'application/json': { schema: Health } } } },
});

export const healthRouter = new OpenAPIHono<AppEnv>();
healthRouter.openapi(health, async (c) =>
  c.json({ status: 'ok' as const, database: c.var.deps.databaseKind, version: SERVER_VERSION }, 200),
);

export const SERVER_VERSION = '0.1.0';
