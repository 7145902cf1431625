import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { agentForToken } from './tokens';

/** Requires `Authorization: Bearer <agent token>` and puts the agent on the context. */
export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    return apiError(c, 401, 'unauthenticated', 'Send an agent API token as "Authorization: Bearer <token>".');
  const agent = await agentForToken(c.var.db, match[1]);
  if (!agent) return apiError(c, 401, 'invalid_token', 'This token is unknown, revoked or expired.');
  c.set('agent', agent);
  await next();
});
