import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { RemoteConfig } from '../../lib/schema/config';
import { ApiError } from '../../lib/schema/events';
import { SECURITY } from '../api-security';
import { requireAgent } from '../auth/middleware';
import type { AppEnv } from '../context';
import { etagOf } from '../rules/rules.store';
import { validationHook } from '../validation';
import { configFor } from './config.handlers';

const getConfig = createRoute({
  operationId: 'getConfig',
  method: 'get',
  path: '/api/v1/config',
  tags: ['configuration'],
  summary: 'The org and team configuration for the agent’s extension (policy still wins in the browser)',
  security: SECURITY.token,
  responses: {
    200: { description: 'Configuration', content: { 'application/json': { schema: RemoteConfig } } },
    304: { description: 'Unchanged since the ETag sent in If-None-Match' },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});

export const configRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
configRouter.use(getConfig.getRoutingPath(), requireAgent);
configRouter.openapi(getConfig, async (c) => {
  const config = await configFor(c.var.db, c.var.agent);
  // An unchanged configuration costs the extension a 304 and no body.
  const etag = etagOf(config);
  c.header('etag', etag);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.json(config, 200);
});
