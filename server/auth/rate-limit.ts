import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from '../context';
import { apiError } from '../errors';

/**
 * Requests per minute per credential (API token or console session), counted in this instance's memory
 * (hono-rate-limiter's store). Behind a load balancer with N instances a client can reach N times the limit;
 * that bounds a runaway client, which is the point, without a shared store on every request.
 */
export function createRateLimit(perMinute: number): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    keyGenerator: (c) => `credential:${c.var.principal.credentialId}`,
    handler: (c) => {
      const reset = c.get('rateLimit')?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      c.header('retry-after', String(seconds));
      return apiError(c, 429, 'rate_limited', `More than ${perMinute} requests a minute; retry in ${seconds} s.`);
    },
  });
}
