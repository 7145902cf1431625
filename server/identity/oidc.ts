import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcSettings } from '../../lib/schema/identity';

/** The relying-party side of the organisation's OpenID provider, through openid-client (certified RP). */
export type OidcProvider = OidcSettings & { clientSecret: string | null };

const DISCOVERY_TTL_MS = 10 * 60_000;
const cache = new Map<string, { config: Promise<client.Configuration>; at: number }>();

/**
 * Plain-HTTP issuers are refused except on this machine (a provider started for tests or a trial), where
 * openid-client has to be told so.
 */
function isLoopback(issuer: URL): boolean {
  return issuer.hostname === '127.0.0.1' || issuer.hostname === 'localhost' || issuer.hostname === '[::1]';
}

export class OidcError extends Error {
  constructor(
    readonly code: 'provider_unreachable' | 'provider_refused' | 'invalid_response',
    message: string,
  ) {
    super(message);
  }
}

/** The provider's discovered configuration, cached for ten minutes per issuer, client and secret. */
export function providerConfiguration(provider: OidcProvider): Promise<client.Configuration> {
  const issuer = new URL(provider.issuer);
  const key = createHash('sha256')
    .update(JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]))
    .digest('hex');
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  if (issuer.protocol !== 'https:' && !isLoopback(issuer))
    return Promise.reject(new OidcError('provider_unreachable', `The issuer ${provider.issuer} must use https.`));
  const config = client
    .discovery(
      issuer,
      provider.clientId,
      undefined,
      provider.clientSecret ? client.ClientSecretPost(provider.clientSecret) : client.None(),
      { execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [], timeout: 10 },
    )
    .catch((error: unknown) => {
      cache.delete(key);
      throw new OidcError(
        'provider_unreachable',
        `Could not read the identity provider's configuration at ${provider.issuer} (${error instanceof Error ? error.message : String(error)}).`,
      );
    });
  cache.set(key, { config, at: Date.now() });
  return config;
}

export interface AuthorizationStart {
  state: string;
  nonce: string;
  verifier: string;
}

export async function authorizationUrl(
  provider: OidcProvider,
  redirectUri: string,
  start: AuthorizationStart,
  options: { interactive: boolean; loginHint?: string },
): Promise<URL> {
  const config = await providerConfiguration(provider);
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: provider.scopes.join(' '),
    response_type: 'code',
    state: start.state,
    nonce: start.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(start.verifier),
    code_challenge_method: 'S256',
  };
  // A silent attempt must come straight back (login_required) rather than show a page nobody will see.
  if (!options.interactive) parameters.prompt = 'none';
  if (options.loginHint) parameters.login_hint = options.loginHint;
  return client.buildAuthorizationUrl(config, parameters);
}

export type Claims = Record<string, unknown>;

/**
 * Exchanges the code the provider sent to the callback (state, nonce, PKCE, issuer, audience and signature are
 * all checked by openid-client), and returns the ID token's claims, completed from UserInfo when the claims the
 * settings name are not in the ID token (Entra ID's groups overage, Okta's default ID token).
 */
export async function completeAuthorization(
  provider: OidcProvider,
  callbackUrl: URL,
  start: AuthorizationStart,
): Promise<Claims> {
  const config = await providerConfiguration(provider);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: start.verifier,
      expectedState: start.state,
      expectedNonce: start.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new OidcError(
      'provider_refused',
      `The identity provider's answer was refused (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const claims = { ...(tokens.claims() ?? {}) } as Claims;
  const wanted = [provider.emailClaim, provider.roleClaim, provider.teamClaim].filter(
    (name): name is string => Boolean(name) && claims[name as string] === undefined,
  );
  if (wanted.length > 0 && config.serverMetadata().userinfo_endpoint && typeof claims.sub === 'string') {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => undefined);
    // Everything the ID token left out, email_verified included; what the ID token says stays.
    for (const [name, value] of Object.entries(info ?? {})) if (claims[name] === undefined) claims[name] = value;
  }
  return claims;
}

/** A claim as a list of strings (groups and roles come as one string or a list). */
export function claimValues(claims: Claims, name: string | undefined): string[] {
  if (!name) return [];
  const value = claims[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
