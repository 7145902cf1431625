import { OpenAPIHono } from '@hono/zod-openapi';
import { requireAgent } from '../auth/middleware';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { insightsFor, searchFor } from './insights.handlers';
import { postInsights, postScriptSearch } from './insights.routes';

export const insightsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
insightsRouter.use(postInsights.getRoutingPath(), requireAgent);
insightsRouter.use(postScriptSearch.getRoutingPath(), requireAgent);
insightsRouter.openapi(postInsights, async (c) => {
  const { ticket } = c.req.valid('json');
  return c.json(await insightsFor(c.var.db, c.var.agent, ticket, Date.now()), 200);
});
insightsRouter.openapi(postScriptSearch, async (c) => {
  const { ticket, query } = c.req.valid('json');
  return c.json({ scripts: await searchFor(c.var.db, c.var.agent, ticket, query, Date.now()) }, 200);
});
