import { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { fleetHealth } from './fleet.handlers';
import { getFleet } from './fleet.routes';

export const fleetRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
fleetRouter.use(getFleet.getRoutingPath(), authenticate, requireRole('admin'));
fleetRouter.openapi(getFleet, async (c) => {
  const { days } = c.req.valid('query');
  return c.json(await fleetHealth(c.var.db, c.var.principal.orgId, days), 200);
});
