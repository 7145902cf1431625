import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { Me, PasswordChange, SignIn } from '../../lib/schema/access';
import { ApiError } from '../../lib/schema/events';
import { SECURITY } from '../api-security';
import { recordAudit } from '../auth/audit';
import { endUserCredentials } from '../auth/credentials';
import { authenticate } from '../auth/middleware';
import { checkPassword, refusePassword } from '../auth/password-check';
import { hashPassword } from '../auth/passwords';
import { type Principal, principalFor } from '../auth/principal';
import { createSession, revokeSession, SESSION_COOKIE } from '../auth/sessions';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { validationHook } from '../validation';

const json = (schema: typeof ApiError | typeof Me, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const signIn = createRoute({
  operationId: 'signIn',
  method: 'post',
  path: '/api/v1/sessions',
  tags: ['access'],
  summary: 'Sign in to the console: sets an HttpOnly session cookie',
  security: SECURITY.none,
  request: { body: { required: true, content: { 'application/json': { schema: SignIn } } } },
  responses: {
    200: json(Me, 'Signed in'),
    400: json(ApiError, 'A field is invalid, or the email exists in several organisations and orgId is missing'),
    401: json(ApiError, 'Wrong email or password'),
    429: json(ApiError, 'Too many failed sign-ins from this address or for this account (Retry-After says when)'),
  },
});

const signOut = createRoute({
  operationId: 'signOut',
  method: 'delete',
  path: '/api/v1/sessions/current',
  tags: ['access'],
  summary: 'Sign out: ends this console session',
  security: SECURITY.session,
  responses: {
    204: { description: 'Signed out' },
    401: json(ApiError, 'Not signed in'),
    403: json(ApiError, 'Not from the console’s own origin'),
  },
});

const changePassword = createRoute({
  method: 'post',
  path: '/api/v1/me/password',
  operationId: 'changeOwnPassword',
  tags: ['access'],
  summary:
    'Change your own password (console session only): every session and token you had ends; this console gets a new session',
  security: SECURITY.session,
  request: { body: { required: true, content: { 'application/json': { schema: PasswordChange } } } },
  responses: {
    204: { description: 'Changed; a new session cookie is set' },
    400: json(ApiError, 'A field is invalid, or currentPassword is wrong'),
    401: json(ApiError, 'Not signed in'),
    403: json(ApiError, 'Not a console session, or not from the console’s own origin'),
    429: json(ApiError, 'Too many wrong passwords'),
  },
});

const me = createRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/api/v1/me',
  tags: ['access'],
  summary: 'Who is calling: user, role and the teams whose figures they may read',
  security: SECURITY.tokenOrSession,
  responses: { 200: json(Me, 'The caller'), 401: json(ApiError, 'No valid token or session') },
});

export const sessionsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** HttpOnly, SameSite=Strict, and Secure whenever people reach the server over https (PUBLIC_URL behind a proxy). */
function setSessionCookie(c: Context<AppEnv>, session: { secret: string; expiresAt: string }) {
  setCookie(c, SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.var.publicOrigin).protocol === 'https:' || new URL(c.req.url).protocol === 'https:',
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

sessionsRouter.openapi(signIn, async (c) => {
  const { email, password, orgId } = c.req.valid('json');
  const checked = await checkPassword(c, { email, password, orgId });
  if ('refusal' in checked) return refusePassword(c, checked.refusal);
  const { user } = checked;
  const session = await createSession(c.var.db, user);
  setSessionCookie(c, session);
  c.var.deps.logger.info({ userId: user.id }, 'console sign-in');
  return c.json(meOut(await principalFor(c.var.db, user, 'session', session.id)), 200);
});

sessionsRouter.use(signOut.getRoutingPath(), authenticate);
sessionsRouter.openapi(signOut, async (c) => {
  const principal = c.var.principal;
  if (principal.via !== 'session')
    return apiError(c, 401, 'unauthenticated', 'Only a console session can sign out; revoke a token instead.');
  await revokeSession(c.var.db, principal.credentialId);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.body(null, 204);
});

sessionsRouter.use(me.getRoutingPath(), authenticate);
sessionsRouter.openapi(me, async (c) => c.json(meOut(c.var.principal), 200));

const meOut = (p: Principal) => ({
  user: { id: p.userId, email: p.email, name: p.name, role: p.role, teamId: p.teamId },
  orgId: p.orgId,
  teamIds: [...p.teamIds],
  allTeams: p.allTeams,
  via: p.via,
});

sessionsRouter.use(changePassword.getRoutingPath(), authenticate);
sessionsRouter.openapi(changePassword, async (c) => {
  const p = c.var.principal;
  if (p.via !== 'session')
    return apiError(c, 403, 'forbidden', 'Change your password from a console session, not with an API token.');
  const { currentPassword, newPassword } = c.req.valid('json');
  const checked = await checkPassword(c, { email: p.email, password: currentPassword, orgId: p.orgId });
  if ('refusal' in checked) {
    if (checked.refusal.status !== 401) return refusePassword(c, checked.refusal);
    return apiError(c, 400, 'invalid_request', 'Invalid body', [
      { path: 'currentPassword', message: 'Not your current password' },
    ]);
  }
  const hash = await hashPassword(newPassword);
  const session = await c.var.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', p.userId).execute();
    // Every session and token issued before ends; this console keeps going with a fresh session.
    await endUserCredentials(trx, p.userId);
    await recordAudit(trx, p, { action: 'user.password_change', targetType: 'user', targetId: p.userId });
    return createSession(trx, { id: p.userId, org_id: p.orgId });
  });
  setSessionCookie(c, session);
  return c.body(null, 204);
});
