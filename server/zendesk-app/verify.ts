import { decodeJwt, errors, importSPKI, type JWTPayload, jwtVerify } from 'jose';

/**
 * Zendesk's signed sidebar token ("signed URLs", manifest `signedUrls: true`): Zendesk POSTs it as the form field
 * `token` with the first request for the app's page, signed RS256 with the app's private key; its public key is
 * `GET /api/v2/apps/{app_id}/public_key.pem`. Claims (developer.zendesk.com, Using the Apps framework: JWT claims):
 * `iss` = `<subdomain>.zendesk.com`, `aud` = `https://<subdomain>.zendesk.com/api/v2/apps/installations/<id>.json`,
 * `sub` = the Zendesk user the page is for, `iat`/`nbf`/`exp` (it lives 5 minutes), `qsh`, `context`.
 * Checked with `jose`; nothing here parses a signature by hand.
 */
export const ZAF_ALGORITHMS = ['RS256'];
/** Clocks of Zendesk and of this server may differ this much. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** Zendesk's tokens live 5 minutes; one issued longer ago than this is refused whatever its `exp` says. */
export const MAX_TOKEN_AGE = '6m';

export interface ZendeskAppKey {
  orgId: string;
  subdomain: string;
  publicKey: string;
  installationId: string | null;
}

export interface ZafIdentity {
  zendeskUserId: string;
  installationId: string;
  expiresAt: Date;
}

export class ZafTokenRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SUBDOMAIN = /^([a-z0-9][a-z0-9-]{0,62})\.zendesk\.com$/;

/** The Zendesk account a token says it is from (unverified: only to find whose key checks it). */
export function accountOfToken(token: string): string {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    throw new ZafTokenRefused('invalid_zendesk_token', 'This is not a Zendesk app token (not a JWT).');
  }
  const subdomain = typeof payload.iss === 'string' ? SUBDOMAIN.exec(payload.iss.toLowerCase())?.[1] : undefined;
  if (!subdomain)
    throw new ZafTokenRefused(
      'invalid_zendesk_token',
      'The token’s issuer is not a Zendesk account (<name>.zendesk.com).',
    );
  return subdomain;
}

/** Whether a PEM is an RSA public key jose accepts for RS256; the reason when not. */
export async function checkPublicKey(pem: string): Promise<string | undefined> {
  try {
    await importSPKI(pem.trim(), 'RS256');
    return undefined;
  } catch (problem) {
    return `Not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----): ${problem instanceof Error ? problem.message : problem}`;
  }
}

/** The Zendesk user a token proves, or ZafTokenRefused naming what is wrong with it. */
export async function verifyZafToken(token: string, key: ZendeskAppKey, now = new Date()): Promise<ZafIdentity> {
  const account = `${key.subdomain}.zendesk.com`;
  let payload: JWTPayload;
  try {
    const { payload: verified } = await jwtVerify(token, await importSPKI(key.publicKey.trim(), 'RS256'), {
      algorithms: ZAF_ALGORITHMS,
      issuer: account,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE,
      requiredClaims: ['iss', 'aud', 'sub', 'iat', 'exp'],
      currentDate: now,
    });
    payload = verified;
  } catch (problem) {
    throw refusalFor(problem, account);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const installation = audiences
    .map((aud) =>
      new RegExp(`^https://${key.subdomain}\\.zendesk\\.com/api/v2/apps/installations/(\\d+)\\.json$`).exec(aud ?? ''),
    )
    .find(Boolean)?.[1];
  if (!installation)
    throw new ZafTokenRefused('invalid_zendesk_token', `The token is not for an app installation of ${account}.`);
  if (key.installationId && installation !== key.installationId)
    throw new ZafTokenRefused(
      'invalid_zendesk_token',
      `The token is for app installation ${installation}; DeskLens is set up for installation ${key.installationId}.`,
    );
  const zendeskUserId = userIdOf(String(payload.sub), key.subdomain);
  if (!zendeskUserId)
    throw new ZafTokenRefused('invalid_zendesk_token', `The token does not name a user of ${account}.`);
  return { zendeskUserId, installationId: installation, expiresAt: new Date((payload.exp ?? 0) * 1000) };
}

/** `sub` is the user's API URL on that account (`…/api/v2/users/<id>.json`) or the bare id. */
function userIdOf(sub: string, subdomain: string): string | undefined {
  if (/^\d+$/.test(sub)) return sub;
  return new RegExp(`^https://${subdomain}\\.zendesk\\.com/api/v2/users/(\\d+)\\.json$`).exec(sub)?.[1];
}

function refusalFor(problem: unknown, account: string): ZafTokenRefused {
  if (problem instanceof errors.JWTExpired)
    return new ZafTokenRefused('zendesk_token_expired', 'The Zendesk app token has expired; reload the app.');
  if (problem instanceof errors.JWSSignatureVerificationFailed)
    return new ZafTokenRefused(
      'invalid_zendesk_token',
      `The token was not signed with the app key configured for ${account}.`,
    );
  if (problem instanceof errors.JOSEAlgNotAllowed)
    return new ZafTokenRefused('invalid_zendesk_token', 'Zendesk app tokens must be signed RS256.');
  if (problem instanceof errors.JWTClaimValidationFailed)
    return new ZafTokenRefused(
      'invalid_zendesk_token',
      `The token's "${problem.claim}" claim is not acceptable: ${problem.reason === 'check_failed' ? problem.message : problem.reason}.`,
    );
  return new ZafTokenRefused(
    'invalid_zendesk_token',
    `The token could not be verified: ${problem instanceof Error ? problem.message : String(problem)}.`,
  );
}
