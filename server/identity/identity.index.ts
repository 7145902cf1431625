import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import { IdentitySettings, IdentitySettingsInput } from '../../lib/schema/identity';
import { SECURITY } from '../api-security';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { ssoRedirectUri } from '../enroll/sso.handlers';
import { apiError } from '../errors';
import { validationHook } from '../validation';
import { OidcError, providerConfiguration } from './oidc';
import { readIdentitySettings, type StoredIdentitySettings, writeIdentitySettings } from './settings';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const ok = (schema: z.ZodType, description = 'Done') => ({ description, content: { 'application/json': { schema } } });

const getSettings = createRoute({
  method: 'get',
  path: '/api/v1/identity/settings',
  operationId: 'getIdentitySettings',
  tags: ['identity'],
  summary: 'How browsers of the organisation prove who they are, and its OpenID provider (never the client secret)',
  security: SECURITY.tokenOrSession,
  responses: {
    200: ok(IdentitySettings),
    401: error('No valid token or session'),
    403: error('Needs the admin role'),
  },
});

const putSettings = createRoute({
  method: 'put',
  path: '/api/v1/identity/settings',
  operationId: 'putIdentitySettings',
  tags: ['identity'],
  summary:
    'Choose the identity modes and set up the OpenID provider; the provider is checked (discovery) before anything is saved',
  security: SECURITY.tokenOrSession,
  request: { body: { required: true, content: { 'application/json': { schema: IdentitySettingsInput } } } },
  responses: {
    200: ok(IdentitySettings, 'Saved'),
    400: error('A field is invalid (each is named), or the provider could not be reached; nothing was saved'),
    401: error('No valid token or session'),
    403: error('Needs the admin role'),
  },
});

export const identityRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
identityRouter.use('/api/v1/identity/*', authenticate, requireRole('admin'));

/** The settings as the API shows them: whether a client secret is stored, never the secret. */
function settingsOut(settings: StoredIdentitySettings, publicOrigin: string) {
  let oidc = null;
  if (settings.oidc) {
    const { clientSecret, ...provider } = settings.oidc;
    oidc = { ...provider, clientSecretSet: Boolean(clientSecret), redirectUri: ssoRedirectUri(publicOrigin) };
  }
  return {
    preferredMode: settings.preferredMode,
    allowedModes: settings.allowedModes,
    oidc,
    updatedAt: settings.updatedAt,
  };
}

identityRouter.openapi(getSettings, async (c) =>
  c.json(settingsOut(await readIdentitySettings(c.var.db, c.var.principal.orgId), c.var.publicOrigin), 200),
);

identityRouter.openapi(putSettings, async (c) => {
  const input = c.req.valid('json');
  const p = c.var.principal;
  const before = await readIdentitySettings(c.var.db, p.orgId);
  if (input.oidc) {
    const clientSecret = input.oidc.clientSecret ?? before.oidc?.clientSecret ?? null;
    if (!clientSecret)
      return apiError(c, 400, 'invalid_request', 'Invalid body', [
        { path: 'oidc.clientSecret', message: 'Required: DeskLens signs in as a confidential client' },
      ]);
    // A typo in the issuer is found now, by the admin, not by every agent at their next sign-in.
    try {
      await providerConfiguration({ ...input.oidc, clientSecret });
    } catch (problem) {
      if (!(problem instanceof OidcError)) throw problem;
      return apiError(c, 400, 'invalid_request', problem.message, [{ path: 'oidc.issuer', message: problem.message }]);
    }
  }
  await c.var.db.transaction().execute(async (trx) => {
    await writeIdentitySettings(trx, p.orgId, input);
    const { clientSecret: _secret, ...oidc } = input.oidc ?? {};
    await recordAudit(trx, p, {
      action: 'identity_settings.update',
      targetType: 'org',
      targetId: p.orgId,
      details: {
        preferredMode: input.preferredMode,
        allowedModes: input.allowedModes,
        oidc: input.oidc ? oidc : null,
        clientSecretChanged: Boolean(input.oidc?.clientSecret),
      },
    });
  });
  return c.json(settingsOut(await readIdentitySettings(c.var.db, p.orgId), c.var.publicOrigin), 200);
});
