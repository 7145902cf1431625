import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { enrollAgent } from './enroll.handlers';
import { enroll } from './enroll.routes';

export const enrollRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

enrollRouter.openapi(enroll, async (c) => {
  const outcome = await enrollAgent(c.var.db, c.req.valid('json'));
  if (!outcome.ok) return c.json({ error: { code: outcome.code, message: outcome.message } }, outcome.status);
  c.var.deps.logger.info({ agent: outcome.value.agent.id, team: outcome.value.teamId }, 'browser enrolled');
  return c.json(outcome.value, 201);
});
