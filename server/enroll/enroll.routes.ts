import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import {
  ClaimRequest,
  EnrollOptions,
  EnrollOptionsRequest,
  EnrollRequest,
  EnrollResponse,
  PasswordEnrollRequest,
  PendingEnrollment,
  SsoEnrollRequest,
  SsoEnrollStarted,
  SsoTokenRequest,
} from '../../lib/schema/identity';
import { SECURITY } from '../api-security';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <S extends z.ZodType>(schema: S) => ({
  body: { required: true as const, content: { 'application/json': { schema } } },
});
const common = {
  400: error('The body is not an object, or a field is invalid (each is named); nothing was stored'),
  429: error('Too many enrollment requests from this address or with this token (Retry-After says when to retry)'),
};
const enrollmentToken = {
  401: error('Unknown, revoked or expired enrollment token'),
  403: error(
    'The organisation does not allow this way of enrolling, or this person cannot be enrolled with this team’s token (the reason is in the audit log, never in the answer)',
  ),
};

/** No credential but what the body carries (an enrollment token, a device secret, a one-time code). */
function route<R extends Parameters<typeof createRoute>[0]>(config: R) {
  return createRoute({ tags: ['identity'], security: SECURITY.none, ...config });
}

export const requestEnrollment = route({
  method: 'post',
  path: '/api/v1/enroll',
  operationId: 'requestEnrollment',
  summary:
    'Approval mode: ask for this browser to be bound to the email the helpdesk reported; a lead of the team or an admin approves',
  request: body(EnrollRequest),
  responses: {
    202: ok(PendingEnrollment, 'Waiting for approval; poll POST /api/v1/enroll/claim'),
    ...enrollmentToken,
    409: error('This device secret was already used for another request'),
    ...common,
  },
});

export const claimEnrollment = route({
  method: 'post',
  path: '/api/v1/enroll/claim',
  operationId: 'claimEnrollment',
  summary: 'Approval mode: the browser asks, with its device secret, whether it was approved; if so it gets its token',
  request: body(ClaimRequest),
  responses: {
    201: ok(EnrollResponse, 'Approved: the token, shown once (asking again replaces it)'),
    202: ok(PendingEnrollment, 'Not decided yet'),
    403: error('Rejected or revoked by a lead or admin (the reason is given)'),
    404: error('No such device, or not this secret'),
    410: error('Nobody decided in time; ask again'),
    ...common,
  },
});

export const enrollWithPassword = route({
  method: 'post',
  path: '/api/v1/enroll/password',
  operationId: 'enrollWithPassword',
  summary: 'Password mode: the agent signs in once with their console password; that mints this browser’s token',
  request: body(PasswordEnrollRequest),
  responses: {
    201: ok(EnrollResponse, 'Signed in: the token, shown once'),
    401: error('Unknown, revoked or expired enrollment token, or wrong email or password'),
    403: enrollmentToken[403],
    ...common,
  },
});

export const startSsoEnrollment = route({
  method: 'post',
  path: '/api/v1/enroll/sso',
  operationId: 'startSsoEnrollment',
  summary:
    'SSO mode: start signing this browser in with the organisation’s identity provider; open the answer’s authorizationUrl with identity.launchWebAuthFlow',
  request: body(SsoEnrollRequest),
  responses: {
    201: ok(SsoEnrollStarted, 'Started; valid for ten minutes'),
    ...enrollmentToken,
    502: error('The identity provider could not be reached or its configuration read'),
    ...common,
  },
});

export const ssoAuthorize = route({
  method: 'get',
  path: '/api/v1/sso/authorize',
  operationId: 'ssoAuthorize',
  summary:
    'Where launchWebAuthFlow starts (the authorizationUrl of POST /api/v1/enroll/sso): redirects to the identity provider',
  request: {
    query: z.object({ request: z.string().min(1).max(64), redirect_uri: z.string().min(1).max(512) }),
  },
  responses: {
    302: { description: 'To the identity provider’s sign-in' },
    400: error('Unknown, expired or used sign-in, or not the redirect it was started for'),
  },
});

export const ssoCallback = route({
  method: 'get',
  path: '/api/v1/sso/callback',
  operationId: 'ssoCallback',
  summary:
    'Where the identity provider sends the person back (register this URL there); redirects to the extension with a one-time code or an error',
  request: {
    query: z.object({
      state: z.string().min(1).max(512),
      code: z.string().max(4096).optional(),
      iss: z.string().max(512).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(2000).optional(),
    }),
  },
  responses: {
    302: { description: 'To the extension’s redirect URL, with `code` and `state`, or `error`' },
    400: error('Unknown, expired or already used sign-in'),
  },
});

export const finishSsoEnrollment = route({
  method: 'post',
  path: '/api/v1/enroll/sso/token',
  operationId: 'finishSsoEnrollment',
  summary: 'SSO mode: trade the one-time code and the browser’s PKCE verifier for this browser’s token (one attempt)',
  request: body(SsoTokenRequest),
  responses: {
    201: ok(EnrollResponse, 'Signed in: the token, shown once'),
    ...common,
  },
});

export const enrollmentOptions = route({
  method: 'post',
  path: '/api/v1/enroll/options',
  operationId: 'enrollmentOptions',
  summary: 'Which ways of proving identity the organisation accepts for this enrollment token, and which it prefers',
  request: body(EnrollOptionsRequest),
  responses: {
    200: ok(EnrollOptions, 'The organisation’s identity modes'),
    ...enrollmentToken,
    ...common,
  },
});
