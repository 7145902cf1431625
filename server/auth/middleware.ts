import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import type { Role } from '../db/schema';
import { apiError } from '../errors';
import { principalFor } from './principal';
import { SESSION_COOKIE, userForSession } from './sessions';
import { agentForToken } from './tokens';

/**
 * Requires `Authorization: Bearer <API token>` (what the extension sends) and puts the user on the
 * context as both `agent` (the extension routes' name for it) and `principal`.
 */
export const requireAgent = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    return apiError(c, 401, 'unauthenticated', 'Send an agent API token as "Authorization: Bearer <token>".');
  const agent = await agentForToken(c.var.db, match[1]);
  if (!agent) return apiError(c, 401, 'invalid_token', 'This token is unknown, revoked or expired.');
  c.set('agent', agent);
  c.set('principal', await principalFor(c.var.db, agent, 'token', agent.tokenId));
  return c.var.limitRequests(c, next);
});

/**
 * Requires either an API token (Bearer) or a console session cookie, and puts the `principal` on the
 * context. Routes then narrow with `requireRole` and check teams with `canSeeTeam`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return apiError(c, 401, 'unauthenticated', 'The Authorization header must be "Bearer <token>".');
    const agent = await agentForToken(c.var.db, match[1]);
    if (!agent) return apiError(c, 401, 'invalid_token', 'This token is unknown, revoked or expired.');
    c.set('agent', agent);
    c.set('principal', await principalFor(c.var.db, agent, 'token', agent.tokenId));
    return c.var.limitRequests(c, next);
  }
  const secret = getCookie(c, SESSION_COOKIE);
  if (!secret)
    return apiError(c, 401, 'unauthenticated', 'Sign in to the console or send "Authorization: Bearer <token>".');
  const user = await userForSession(c.var.db, secret);
  if (!user) return apiError(c, 401, 'session_expired', 'This session has ended; sign in again.');
  if (!sameOriginWrite(c.req.method, c.var.publicOrigin, c.req.header('origin'), c.req.header('sec-fetch-site')))
    return apiError(c, 403, 'cross_site', 'Changes with a console session must come from the console’s own origin.');
  c.set('principal', await principalFor(c.var.db, user, 'session', user.sessionId));
  return c.var.limitRequests(c, next);
});

/**
 * A cookie travels with requests other sites make, so a session may change things only from the console's own
 * origin (the browser's Origin or Sec-Fetch-Site says so). Reads are harmless and allowed. The console's origin is
 * PUBLIC_URL's: behind a TLS-terminating proxy the server itself is reached over plain http.
 */
function sameOriginWrite(method: string, consoleOrigin: string, origin?: string, fetchSite?: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  if (fetchSite) return fetchSite === 'same-origin' && (origin === undefined || origin === consoleOrigin);
  return origin !== undefined && origin === consoleOrigin;
}

/** After `authenticate`/`requireAgent`: 403 unless the caller has one of these roles. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (!roles.includes(principal.role)) {
      return apiError(
        c,
        403,
        'forbidden',
        `This needs the ${roles.join(' or ')} role; you are signed in as ${principal.role}.`,
      );
    }
    return next();
  });
}
