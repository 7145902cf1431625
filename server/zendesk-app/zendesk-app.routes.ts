import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import { flagRepeatedKeys } from '../../lib/schema/repeated-keys';
import { SECURITY } from '../api-security';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <S extends z.ZodType>(schema: S) => ({
  body: { required: true as const, content: { 'application/json': { schema } } },
});

export const ZendeskAppSettingsInput = z
  .object({
    subdomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'The Zendesk subdomain, e.g. "acme" for acme.zendesk.com')
      .openapi({ example: 'acme' }),
    publicKey: z
      .string()
      .min(100, 'The app’s public key in PEM, from GET /api/v2/apps/{app_id}/public_key.pem')
      .max(10_000)
      .openapi({
        description: 'The app’s RSA public key (PEM), from Zendesk: GET /api/v2/apps/{app_id}/public_key.pem',
      }),
    installationId: z
      .string()
      .regex(/^\d+$/, 'The numeric id of the app installation')
      .nullable()
      .optional()
      .openapi({ description: 'Accept only this installation of the app (else any installation on the account)' }),
  })
  .strict()
  .openapi('ZendeskAppSettingsInput');

export const ZendeskAppSettings = z
  .object({
    configured: z.boolean(),
    subdomain: z.string().nullable(),
    publicKey: z.string().nullable(),
    installationId: z.string().nullable(),
    linkedAgents: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .openapi('ZendeskAppSettings');

export const ZendeskAgentLinks = z
  .object({
    agents: z
      .array(
        z
          .object({
            zendeskUserId: z.string().regex(/^\d+$/, 'The Zendesk user id (a number)'),
            email: z.string().email(),
          })
          .strict(),
      )
      .min(1)
      .max(5_000)
      // One Zendesk user is one DeskLens user: a second line for the same id would replace the first unseen.
      .superRefine((agents, ctx) =>
        flagRepeatedKeys(agents, ctx, {
          key: (agent) => agent.zendeskUserId,
          field: 'zendeskUserId',
          message: (id, first) => `Zendesk user ${id} is already linked by agents.${first}`,
        }),
      ),
  })
  .strict()
  .openapi('ZendeskAgentLinks');

export const ZendeskAppSessionRequest = z
  .object({ token: z.string().min(1).max(8_192).openapi({ description: 'The token Zendesk signed for the sidebar' }) })
  .strict()
  .openapi('ZendeskAppSessionRequest');

export const ZendeskAppSession = z
  .object({
    token: z.string().openapi({ description: 'An agent token for this Zendesk agent’s DeskLens user' }),
    expiresAt: z.string(),
    agent: z.object({ name: z.string(), email: z.string(), role: z.enum(['agent', 'lead', 'trainer', 'admin']) }),
  })
  .openapi('ZendeskAppSession');

const adminErrors = { 401: error('No valid token or session'), 403: error('Needs the admin role') };

export const getZendeskApp = createRoute({
  method: 'get',
  path: '/api/v1/admin/zendesk-app',
  operationId: 'getZendeskAppSettings',
  tags: ['identity'],
  summary: 'The organisation’s Zendesk account and the public key its Zendesk app’s signed tokens are checked with',
  security: SECURITY.tokenOrSession,
  responses: { 200: ok(ZendeskAppSettings, 'The settings (configured: false when none yet)'), ...adminErrors },
});

export const putZendeskApp = createRoute({
  method: 'put',
  path: '/api/v1/admin/zendesk-app',
  operationId: 'putZendeskAppSettings',
  tags: ['identity'],
  summary: 'Set the Zendesk account and the app’s public key; the key is checked before anything is saved',
  security: SECURITY.tokenOrSession,
  request: body(ZendeskAppSettingsInput),
  responses: {
    200: ok(ZendeskAppSettings, 'Saved'),
    400: error('A field is invalid (each is named), or the key is not an RSA public key; nothing was saved'),
    ...adminErrors,
    409: error('Another organisation has set up this Zendesk account'),
  },
});

export const putZendeskAgents = createRoute({
  method: 'put',
  path: '/api/v1/admin/zendesk-app/agents',
  operationId: 'linkZendeskAgents',
  tags: ['identity'],
  summary: 'Link Zendesk agents (by Zendesk user id) to DeskLens users (by email); all or nothing',
  security: SECURITY.tokenOrSession,
  request: body(ZendeskAgentLinks),
  responses: {
    200: ok(z.object({ linked: z.number().int() }), 'Linked'),
    400: error('A field is invalid, or an email is no user of the organisation (each is named); nothing was linked'),
    ...adminErrors,
  },
});

export const openZendeskAppSession = createRoute({
  method: 'post',
  path: '/api/v1/zendesk-app/session',
  operationId: 'openZendeskAppSession',
  tags: ['identity'],
  summary:
    'Exchange the token Zendesk signed for a sidebar (signed URLs) for an agent token of the Zendesk user’s DeskLens user',
  security: SECURITY.none,
  request: body(ZendeskAppSessionRequest),
  responses: {
    201: ok(ZendeskAppSession, 'A session for the agent Zendesk vouched for'),
    400: error('The body is not an object with a token'),
    401: error(
      'The token is not valid: wrong key, expired, not for this account, or already used (the code says which)',
    ),
    403: error(
      'The Zendesk account has no DeskLens app key set up, or the Zendesk user is not linked, is deactivated or in no team (the code says which)',
    ),
    429: error('Too many sessions opened from this address (Retry-After says when to retry)'),
  },
});
