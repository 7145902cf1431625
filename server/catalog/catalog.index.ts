import { OpenAPIHono } from '@hono/zod-openapi';
import { requireAgent } from '../auth/middleware';
import type { AppEnv } from '../context';
import { recordCheckin } from '../fleet/checkin';
import { validationHook } from '../validation';
import { catalogFor } from './catalog.handlers';
import { getCatalog } from './catalog.routes';

export const catalogRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

// The pull, once per sync interval per browser, is also its fleet-health check-in.
catalogRouter.use(getCatalog.getRoutingPath(), requireAgent, recordCheckin);
catalogRouter.openapi(getCatalog, async (c) => {
  const { catalog, etag } = await catalogFor(c.var.db, c.var.agent);
  c.header('etag', etag);
  c.header('cache-control', 'private, no-cache');
  // An unchanged catalog costs one request and no body.
  if (c.req.valid('header')['if-none-match'] === etag) return c.body(null, 304);
  return c.json(catalog, 200);
});
