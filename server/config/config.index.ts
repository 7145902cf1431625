import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { RemoteConfig } from '../../lib/schema/config';
import { ApiError } from '../../lib/schema/events';
import { requireAgent } from '../auth/middleware';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { configFor } from './config.handlers';

const getConfig = createRoute({
  method: 'get',
  path: '/api/v1/config',
  tags: ['configuration'],
  summary: 'The org and team configuration for the agent’s extension (policy still wins in the browser)',
  security: [{ agentToken: [] }],
  responses: {
    200: { description: 'Configuration', content: { 'application/json': { schema: RemoteConfig } } },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});

export const configRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
configRouter.use(getConfig.getRoutingPath(), requireAgent);
configRouter.openapi(getConfig, async (c) => c.json(await configFor(c.var.db, c.var.agent), 200));
