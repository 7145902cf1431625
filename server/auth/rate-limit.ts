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

/** Failed sign-in attempts per email and client address: slows password guessing without locking anyone out for long. */
export function createSignInLimit(attempts = 10, windowMs = 15 * 60_000): MiddlewareHandler<AppEnv> {
  return rateLimiter<AppEnv>({
    windowMs,
    limit: attempts,
    // Only failed attempts count: signing in often is fine, guessing is not.
    skipSuccessfulRequests: true,
    keyGenerator: async (c) => {
      const body: unknown = await c.req.raw
        .clone()
        .json()
        .catch(() => undefined);
      // Any JSON may arrive here (null, a list): only an object's string email counts.
      const claimed = body && typeof body === 'object' ? (body as { email?: unknown }).email : undefined;
      const email = typeof claimed === 'string' ? claimed.toLowerCase() : '';
      const address = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'direct';
      return `sign-in:${email}:${address}`;
    },
    handler: (c) => {
      c.header('retry-after', String(Math.ceil(windowMs / 1000)));
      return apiError(c, 429, 'rate_limited', 'Too many sign-in attempts; wait a few minutes and try again.');
    },
  });
}
