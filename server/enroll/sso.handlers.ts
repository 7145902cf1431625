import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { Role } from '../../lib/schema/access';
import type { EnrollResponse } from '../../lib/schema/identity';
import { enrollmentActor, recordAudit } from '../auth/audit';
import { userCoveredByTeam } from '../auth/credentials';
import { hashToken } from '../auth/tokens';
import type { Database, SsoRequestsTable, UsersTable } from '../db/schema';
import {
  type Claims,
  claimValues,
  completeAuthorization,
  authorizationUrl as idpAuthorizationUrl,
  type OidcProvider,
} from '../identity/oidc';
import type { Enrollment } from './enroll.gate';
import { auditRefusal, bindProvenDevice, type RefusalReason, userByEmail } from './enroll.handlers';

/** A sign-in not finished within ten minutes is void. */
const SSO_REQUEST_TTL_MS = 10 * 60_000;
export const SSO_CALLBACK_PATH = '/api/v1/sso/callback';
export const SSO_AUTHORIZE_PATH = '/api/v1/sso/authorize';

export function ssoRedirectUri(publicOrigin: string): string {
  return `${publicOrigin}${SSO_CALLBACK_PATH}`;
}

/** Starts a browser's sign-in: remembers what the callback and the code exchange will check, for ten minutes. */
export async function startSso(
  db: Kysely<Database>,
  enrollment: Enrollment,
  provider: OidcProvider,
  input: { redirectUri: string; codeChallenge: string; interactive: boolean; loginHint?: string },
  publicOrigin: string,
  address: string,
  now = new Date(),
) {
  const secrets = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
  };
  const url = await idpAuthorizationUrl(provider, ssoRedirectUri(publicOrigin), secrets, input);
  const row: SsoRequestsTable = {
    id: `sso_${randomUUID()}`,
    org_id: enrollment.orgId,
    team_id: enrollment.teamId,
    enrollment_token_id: enrollment.tokenId,
    state_hash: hashToken(secrets.state),
    nonce: secrets.nonce,
    pkce_verifier: secrets.verifier,
    redirect_uri: input.redirectUri,
    client_challenge: input.codeChallenge,
    authorization_url: url.href,
    requested_from: address,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SSO_REQUEST_TTL_MS).toISOString(),
    user_id: null,
    code_hash: null,
    completed_at: null,
  };
  // Finished or abandoned sign-ins are of no use once expired; they go as new ones come.
  await db.deleteFrom('sso_requests').where('expires_at', '<', now.toISOString()).execute();
  await db.insertInto('sso_requests').values(row).execute();
  // The browser opens the backend's own URL, naming the extension's redirect: Firefox's launchWebAuthFlow refuses a
  // URL whose redirect_uri is not the extension's, and the provider's is the backend's callback.
  const start = new URL(`${publicOrigin}${SSO_AUTHORIZE_PATH}`);
  start.searchParams.set('request', row.id);
  start.searchParams.set('redirect_uri', input.redirectUri);
  return { requestId: row.id, authorizationUrl: start.href, expiresAt: row.expires_at };
}

/** The provider's authorization URL for an open sign-in started for exactly this redirect, or undefined. */
export async function authorizationFor(db: Kysely<Database>, requestId: string, redirectUri: string, now = new Date()) {
  const row = await db
    .selectFrom('sso_requests')
    .select(['authorization_url', 'redirect_uri', 'expires_at', 'completed_at', 'code_hash'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (
    !row ||
    row.redirect_uri !== redirectUri ||
    row.completed_at ||
    row.code_hash ||
    row.expires_at <= now.toISOString()
  )
    return undefined;
  return row.authorization_url;
}

/** The open sign-in a callback's `state` belongs to, or undefined (unknown, expired or already used). */
export async function pendingSso(db: Kysely<Database>, state: string, now = new Date()) {
  const row = await db
    .selectFrom('sso_requests')
    .selectAll()
    .where('state_hash', '=', hashToken(state))
    .executeTakeFirst();
  if (!row || row.completed_at || row.code_hash || row.expires_at <= now.toISOString()) return undefined;
  return row;
}

export async function closeSso(db: Kysely<Database>, id: string, now = new Date()) {
  await db.updateTable('sso_requests').set({ completed_at: now.toISOString() }).where('id', '=', id).execute();
}

type SsoUser = Pick<UsersTable, 'id' | 'email' | 'name' | 'role' | 'team_id'>;

/** The team ids (of this organisation) a list of team ids or slugs names. */
async function teamsNamed(db: Kysely<Database>, orgId: string, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'slug'])
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('id', 'in', names), eb('slug', 'in', names)]))
    .execute();
  return new Map(rows.flatMap((row) => [[row.id, row.id] as const, [row.slug, row.id] as const]));
}

/**
 * Who the identity provider says signed in, as a user of the organisation: the email claim at an allowed domain
 * (never one the provider marks unverified); a new person is created when the settings allow it; a mapped role or
 * team from the provider's groups wins over what DeskLens had (the provider is the source of truth for those);
 * and the person must belong to (or lead) the team of the enrollment token.
 */
export async function userFromClaims(
  db: Kysely<Database>,
  provider: OidcProvider,
  request: Pick<SsoRequestsTable, 'org_id' | 'team_id' | 'enrollment_token_id'>,
  claims: Claims,
  now = new Date(),
): Promise<{ user: SsoUser } | { refused: RefusalReason; email: string }> {
  const email = claimValues(claims, provider.emailClaim)[0]?.trim().toLowerCase() ?? '';
  const domain = email.split('@')[1] ?? '';
  if (!email.includes('@') || claims.email_verified === false || !provider.allowedDomains.includes(domain))
    return { refused: 'domain_not_allowed', email };
  const mappedRole = claimValues(claims, provider.roleClaim)
    .map((value) => provider.roleMap?.[value])
    .find((role): role is Role => Boolean(role));
  const teamNames = claimValues(claims, provider.teamClaim)
    .map((value) => provider.teamMap?.[value])
    .filter((team): team is string => Boolean(team));
  const known = await teamsNamed(db, request.org_id, teamNames);
  const mappedTeam = teamNames.map((name) => known.get(name)).find((id): id is string => Boolean(id));
  const actor = enrollmentActor(request.org_id, request.enrollment_token_id);
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;

  const existing = await userByEmail(db, request.org_id, email);
  let user: SsoUser;
  if (!existing) {
    if (!provider.provisionUsers) return { refused: 'unknown_user', email };
    user = {
      id: `user_${randomUUID()}`,
      email,
      name,
      role: mappedRole ?? 'agent',
      team_id: mappedTeam ?? request.team_id,
    };
    await db
      .insertInto('users')
      .values({
        ...user,
        org_id: request.org_id,
        password_hash: null,
        created_at: now.toISOString(),
        deactivated_at: null,
      })
      .execute();
    await recordAudit(
      db,
      actor,
      {
        action: 'user.provision',
        targetType: 'user',
        targetId: user.id,
        details: { email, role: user.role, teamId: user.team_id, by: 'sso' },
      },
      now,
    );
  } else {
    if (existing.deactivated_at) return { refused: 'deactivated', email };
    user = existing;
    const changes: Partial<SsoUser> = {
      ...(mappedRole && mappedRole !== existing.role ? { role: mappedRole } : {}),
      ...(mappedTeam && mappedTeam !== existing.team_id ? { team_id: mappedTeam } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await db.updateTable('users').set(changes).where('id', '=', existing.id).execute();
      if (changes.role && changes.role !== 'lead')
        await db.deleteFrom('team_leads').where('user_id', '=', existing.id).execute();
      await recordAudit(
        db,
        actor,
        { action: 'user.update', targetType: 'user', targetId: existing.id, details: { ...changes, by: 'sso' } },
        now,
      );
      user = { ...existing, ...changes };
    }
  }
  if (!(await userCoveredByTeam(db, user, request.team_id))) return { refused: 'other_team', email };
  return { user };
}

export type CallbackOutcome = { code: string } | { error: string; description: string };

/**
 * The provider sent the person back: check its answer, find the user, and hand the browser's redirect a one-time
 * code (only its hash is kept) that is worth nothing without the verifier the browser kept.
 */
export async function finishSso(
  db: Kysely<Database>,
  provider: OidcProvider,
  request: SsoRequestsTable,
  callbackUrl: URL,
  now = new Date(),
): Promise<CallbackOutcome> {
  const claims = await completeAuthorization(provider, callbackUrl, {
    state: callbackUrl.searchParams.get('state') ?? '',
    nonce: request.nonce,
    verifier: request.pkce_verifier,
  });
  return db.transaction().execute(async (trx): Promise<CallbackOutcome> => {
    const found = await userFromClaims(trx, provider, request, claims, now);
    if ('refused' in found) {
      await auditRefusal(
        trx,
        { orgId: request.org_id, teamId: request.team_id, tokenId: request.enrollment_token_id },
        'sso',
        found.email || '(no email claim)',
        found.refused,
        request.requested_from ?? '',
      );
      await trx
        .updateTable('sso_requests')
        .set({ completed_at: now.toISOString() })
        .where('id', '=', request.id)
        .execute();
      return { error: 'access_denied', description: 'enrollment_refused' };
    }
    const code = randomBytes(32).toString('base64url');
    await trx
      .updateTable('sso_requests')
      .set({ code_hash: hashToken(code), user_id: found.user.id })
      .where('id', '=', request.id)
      .execute();
    return { code };
  });
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The browser trades the one-time code and its PKCE verifier for its token. One attempt per sign-in: a wrong code
 * or verifier voids it, so neither can be guessed.
 */
export async function exchangeSsoCode(
  db: Kysely<Database>,
  input: { requestId: string; code: string; codeVerifier: string },
  address: string,
  now = new Date(),
): Promise<{ value: EnrollResponse } | { invalid: string }> {
  const request = await db.selectFrom('sso_requests').selectAll().where('id', '=', input.requestId).executeTakeFirst();
  if (!request?.code_hash || !request.user_id || request.completed_at || request.expires_at <= now.toISOString())
    return { invalid: 'This sign-in is unknown, expired or already used; sign in again.' };
  // Claim the sign-in first: of two concurrent exchanges only one updates the row.
  const claimed = await db
    .updateTable('sso_requests')
    .set({ completed_at: now.toISOString() })
    .where('id', '=', request.id)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return { invalid: 'This sign-in was already used; sign in again.' };
  if (
    !sameText(hashToken(input.code), request.code_hash) ||
    !sameText(s256(input.codeVerifier), request.client_challenge)
  )
    return { invalid: 'The code or its verifier does not match this sign-in; sign in again.' };
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'team_id', 'deactivated_at'])
    .where('id', '=', request.user_id)
    .executeTakeFirst();
  if (!user || user.deactivated_at) return { invalid: 'This account can no longer sign in.' };
  const value = await bindProvenDevice(
    db,
    { orgId: request.org_id, teamId: request.team_id, tokenId: request.enrollment_token_id },
    user,
    'sso',
    address,
    now,
  );
  return { value };
}
