import { OpenAPIHono } from '@hono/zod-openapi';
import { requireAgent } from '../auth/middleware';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { storeBatch } from './events.handlers';
import { ingestEvents } from './events.routes';

export const eventsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

eventsRouter.use(ingestEvents.getRoutingPath(), requireAgent);
eventsRouter.openapi(ingestEvents, async (c) => {
  const { events } = c.req.valid('json');
  const result = await storeBatch(c.var.db, c.var.agent, events);
  c.var.deps.logger.info(
    { agent: c.var.agent.id, stored: result.stored, duplicates: result.duplicates },
    'events ingested',
  );
  return c.json(result, 200);
});
