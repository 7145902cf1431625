import { OpenAPIHono } from '@hono/zod-openapi';
import { userCoveredByTeam } from '../auth/credentials';
import { checkPassword, refusePassword } from '../auth/password-check';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { OidcError } from '../identity/oidc';
import { isExtensionRedirect } from '../identity/redirects';
import { readIdentitySettings } from '../identity/settings';
import { validationHook } from '../validation';
import { ENROLLMENT_REFUSED, openEnrollment, refuseEnrollment } from './enroll.gate';
import { auditRefusal, bindProvenDevice, claimDevice, requestApproval } from './enroll.handlers';
import {
  claimEnrollment,
  enrollmentOptions,
  enrollWithPassword,
  finishSsoEnrollment,
  requestEnrollment,
  ssoAuthorize,
  ssoCallback,
  startSsoEnrollment,
} from './enroll.routes';
import {
  authorizationFor,
  closeSso,
  exchangeSsoCode,
  finishSso,
  pendingSso,
  ssoRedirectUri,
  startSso,
} from './sso.handlers';

export const enrollRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

enrollRouter.openapi(requestEnrollment, async (c) => {
  const input = c.req.valid('json');
  const opened = await openEnrollment(c, input.enrollmentToken, 'approval');
  if ('refusal' in opened) return refuseEnrollment(c, opened.refusal);
  const outcome = await requestApproval(c.var.db, opened.enrollment, input, c.var.clientAddress);
  if ('refused' in outcome) return apiError(c, 403, 'enrollment_refused', ENROLLMENT_REFUSED);
  if ('conflict' in outcome)
    return apiError(c, 409, 'conflict', 'This device secret was already used; the browser must make a new one.', [
      { path: 'deviceSecret', message: 'Already used' },
    ]);
  c.var.deps.logger.info({ device: outcome.pending.deviceId, team: outcome.pending.teamId }, 'browser asks approval');
  return c.json(outcome.pending, 202);
});

enrollRouter.openapi(claimEnrollment, async (c) => {
  const { deviceId, deviceSecret } = c.req.valid('json');
  const wait = await c.var.enrollmentLimiter.claim(deviceId);
  if (wait > 0) {
    c.header('retry-after', String(wait));
    return apiError(c, 429, 'rate_limited', `Asked too often; retry in ${wait} s.`);
  }
  const outcome = await claimDevice(c.var.db, deviceId, deviceSecret);
  switch (outcome.kind) {
    case 'unknown':
      return apiError(c, 404, 'not_found', 'No such enrollment request for this browser.');
    case 'expired':
      return apiError(c, 410, 'enrollment_expired', 'Nobody approved this browser in time; it asks again.');
    case 'pending':
      return c.json(outcome.pending, 202);
    case 'refused':
      return apiError(
        c,
        403,
        `enrollment_${outcome.status}`,
        `Your lead or admin ${outcome.status} this browser${outcome.reason ? `: ${outcome.reason}` : '.'}`,
      );
    case 'issued':
      c.var.deps.logger.info({ device: outcome.value.deviceId }, 'approved browser enrolled');
      return c.json(outcome.value, 201);
  }
});

enrollRouter.openapi(enrollWithPassword, async (c) => {
  const input = c.req.valid('json');
  const opened = await openEnrollment(c, input.enrollmentToken, 'password');
  if ('refusal' in opened) return refuseEnrollment(c, opened.refusal);
  const { enrollment } = opened;
  const checked = await checkPassword(c, { email: input.email, password: input.password, orgId: enrollment.orgId });
  if ('refusal' in checked) return refusePassword(c, checked.refusal);
  if (!(await userCoveredByTeam(c.var.db, checked.user, enrollment.teamId))) {
    await auditRefusal(c.var.db, enrollment, 'password', checked.user.email, 'other_team', c.var.clientAddress);
    return apiError(c, 403, 'enrollment_refused', ENROLLMENT_REFUSED);
  }
  const value = await bindProvenDevice(c.var.db, enrollment, checked.user, 'password', c.var.clientAddress);
  c.var.deps.logger.info({ device: value.deviceId, user: value.agent.id }, 'browser signed in with password');
  return c.json(value, 201);
});

enrollRouter.openapi(startSsoEnrollment, async (c) => {
  const input = c.req.valid('json');
  const opened = await openEnrollment(c, input.enrollmentToken, 'sso');
  if ('refusal' in opened) return refuseEnrollment(c, opened.refusal);
  const provider = opened.enrollment.settings.oidc;
  if (!provider) return apiError(c, 403, 'identity_mode_not_allowed', 'No identity provider is set up for SSO.');
  if (!isExtensionRedirect(input.redirectUri, provider.extraExtensionIds))
    return apiError(c, 400, 'invalid_request', 'Invalid body', [
      { path: 'redirectUri', message: 'Not the redirect URL of a DeskLens extension (identity.getRedirectURL())' },
    ]);
  try {
    const started = await startSso(
      c.var.db,
      opened.enrollment,
      provider,
      input,
      c.var.publicOrigin,
      c.var.clientAddress,
    );
    return c.json(started, 201);
  } catch (error) {
    if (error instanceof OidcError) return apiError(c, 502, 'identity_provider_unavailable', error.message);
    throw error;
  }
});

enrollRouter.openapi(ssoAuthorize, async (c) => {
  const query = c.req.valid('query');
  const target = await authorizationFor(c.var.db, query.request, query.redirect_uri);
  if (!target)
    return apiError(c, 400, 'invalid_request', 'This sign-in is unknown, expired or already used; start it again.');
  return c.redirect(target, 302);
});

enrollRouter.openapi(ssoCallback, async (c) => {
  const query = c.req.valid('query');
  const request = await pendingSso(c.var.db, query.state);
  if (!request)
    return apiError(c, 400, 'invalid_request', 'This sign-in is unknown, expired or already used; start it again.');
  const back = new URL(request.redirect_uri);
  back.searchParams.set('state', request.id);
  const settings = await readIdentitySettings(c.var.db, request.org_id);
  if (query.error || !settings.oidc) {
    await closeSso(c.var.db, request.id);
    back.searchParams.set('error', query.error ?? 'server_error');
    if (query.error_description) back.searchParams.set('error_description', query.error_description);
    return c.redirect(back.href, 302);
  }
  // The URL the provider redirected to, as it was registered (PUBLIC_URL), with the provider's parameters.
  const callbackUrl = new URL(ssoRedirectUri(c.var.publicOrigin));
  callbackUrl.search = new URL(c.req.url).search;
  try {
    const outcome = await finishSso(c.var.db, settings.oidc, request, callbackUrl);
    if ('code' in outcome) back.searchParams.set('code', outcome.code);
    else {
      back.searchParams.set('error', outcome.error);
      back.searchParams.set('error_description', outcome.description);
    }
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    await closeSso(c.var.db, request.id);
    c.var.deps.logger.warn({ err: error, request: request.id }, 'SSO answer refused');
    back.searchParams.set('error', error.code);
  }
  return c.redirect(back.href, 302);
});

enrollRouter.openapi(finishSsoEnrollment, async (c) => {
  const input = c.req.valid('json');
  const wait = await c.var.enrollmentLimiter.fromAddress(c.var.clientAddress);
  if (wait > 0) {
    c.header('retry-after', String(wait));
    return apiError(c, 429, 'rate_limited', `Too many enrollment requests; retry in ${wait} s.`);
  }
  const outcome = await exchangeSsoCode(c.var.db, input, c.var.clientAddress);
  if ('invalid' in outcome) return apiError(c, 400, 'invalid_grant', outcome.invalid);
  c.var.deps.logger.info(
    { device: outcome.value.deviceId, user: outcome.value.agent.id },
    'browser signed in with SSO',
  );
  return c.json(outcome.value, 201);
});

enrollRouter.openapi(enrollmentOptions, async (c) => {
  const opened = await openEnrollment(c, c.req.valid('json').enrollmentToken, undefined);
  if ('refusal' in opened) return refuseEnrollment(c, opened.refusal);
  const { preferredMode, allowedModes } = opened.enrollment.settings;
  return c.json({ preferredMode, allowedModes }, 200);
});
