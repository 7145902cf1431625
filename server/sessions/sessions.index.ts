import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { Me, SignIn } from '../../lib/schema/access';
import { ApiError } from '../../lib/schema/events';
import { SECURITY } from '../api-security';
import { authenticate } from '../auth/middleware';
import { verifyPassword } from '../auth/passwords';
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
    429: json(ApiError, 'Too many attempts for this email from this address'),
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

const me = createRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/api/v1/me',
  tags: ['access'],
  summary: 'Who is calling: user, role and the teams whose figures they may read',
  security: SECURITY.tokenOrSession,
  responses: { 200: json(Me, 'The caller'), 401: json(ApiError, 'No valid token or session') },
});

// Hashing a password costs ~50 ms, so an unknown email is made to cost the same as a wrong password.
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const sessionsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
sessionsRouter.use(signIn.getRoutingPath(), async (c, next) =>
  c.req.method === 'POST' ? c.var.limitSignIn(c, next) : next(),
);

sessionsRouter.openapi(signIn, async (c) => {
  const { email, password, orgId } = c.req.valid('json');
  let query = c.var.db
    .selectFrom('users')
    .select(['id', 'org_id', 'team_id', 'role', 'email', 'name', 'password_hash'])
    .where('email', '=', email.toLowerCase())
    .where('deactivated_at', 'is', null);
  if (orgId) query = query.where('org_id', '=', orgId);
  const users = await query.execute();
  if (users.length > 1)
    return apiError(c, 400, 'invalid_request', 'This email belongs to several organisations; give orgId.', [
      { path: 'orgId', message: 'Required for this email' },
    ]);
  const user = users[0];
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user?.password_hash || !ok) return apiError(c, 401, 'invalid_credentials', 'Wrong email or password.');
  const session = await createSession(c.var.db, user);
  setCookie(c, SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    expires: new Date(session.expiresAt),
  });
  c.var.deps.logger.info({ userId: user.id }, 'console sign-in');
  const teamIds = user.team_id ? [user.team_id] : [];
  return c.json(
    {
      user: { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.team_id },
      orgId: user.org_id,
      teamIds,
      allTeams: user.role === 'admin' || user.role === 'trainer',
      via: 'session' as const,
    },
    200,
  );
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
sessionsRouter.openapi(me, async (c) => {
  const p = c.var.principal;
  return c.json(
    {
      user: { id: p.userId, email: p.email, name: p.name, role: p.role, teamId: p.teamId },
      orgId: p.orgId,
      teamIds: [...p.teamIds],
      allTeams: p.allTeams,
      via: p.via,
    },
    200,
  );
});
