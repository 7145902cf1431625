import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import { SESSION_COOKIE } from '../auth/sessions';
import type { AppEnv } from '../context';
import { apiError } from '../errors';

/** Load balancers poll it from their own few addresses; refusing them would take the instance out of rotation. */
const UNLIMITED_PATHS = new Set(['/api/v1/health']);

const presentsCredentials = (c: Context<AppEnv>) =>
  Boolean(c.req.header('authorization')) || Boolean(getCookie(c, SESSION_COOKIE));

/** The client's address: behind a load balancer, the one it forwarded (TRUSTED_PROXIES decides whose to believe). */
const addressOf = (c: Context<AppEnv>): string => c.var.clientAddress;

/**
 * Requests without credentials, per client address and minute: sign-in, enrollment, the API description, unknown
 * routes, probing. Requests whose credentials are refused (401) count too, after the fact; once an address is over its
 * budget they are answered 429 instead of 401. Requests with valid credentials never count here: they have their own
 * limit per token or session, so agents behind one office address are not limited by each other.
 */
export function createAnonymousLimit(perMinute: number, store: Store<AppEnv>): MiddlewareHandler<AppEnv> {
  const refuse = (c: Context<AppEnv>, resetTime: Date | undefined) => {
    const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
    c.header('retry-after', String(seconds));
    return apiError(
      c,
      429,
      'rate_limited',
      `More than ${perMinute} requests a minute without valid credentials from this address; retry in ${seconds} s.`,
    );
  };
  const limitAnonymous = rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    store,
    keyGenerator: (c) => `address:${addressOf(c)}`,
    handler: (c) => refuse(c, c.get('rateLimit')?.resetTime),
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (UNLIMITED_PATHS.has(c.req.path)) return next();
    if (!presentsCredentials(c)) return limitAnonymous(c, next);
    await next();
    if (c.res.status !== 401) return;
    const { totalHits, resetTime } = await store.increment(`address:${addressOf(c)}`);
    if (totalHits > perMinute) c.res = refuse(c, resetTime);
  });
}
