import type { MiddlewareHandler } from 'hono';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import type { AppEnv } from '../context';
import { apiError } from '../errors';

/**
 * Requests per minute per credential (API token or console session), counted in `store`: shared by every instance
 * (Redis or PostgreSQL, server/ratelimit/stores.ts) so N instances behind a load balancer allow the limit, not N
 * times it.
 */
export function createRateLimit(perMinute: number, store?: Store<AppEnv>): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    ...(store ? { store } : {}),
    keyGenerator: (c) => `credential:${c.var.principal.credentialId}`,
    handler: (c) => {
      const reset = c.get('rateLimit')?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      c.header('retry-after', String(seconds));
      return apiError(c, 429, 'rate_limited', `More than ${perMinute} requests a minute; retry in ${seconds} s.`);
    },
  });
}
