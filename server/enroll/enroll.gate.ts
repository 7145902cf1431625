import type { Context } from 'hono';
import type { IdentityMode } from '../../lib/schema/identity';
import { hashToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { readIdentitySettings, type StoredIdentitySettings } from '../identity/settings';

/** A live enrollment token: it says which organisation and team a browser belongs to, never who uses it. */
export interface Enrollment {
  tokenId: string;
  orgId: string;
  teamId: string;
  settings: StoredIdentitySettings;
}

export type GateRefusal =
  | { status: 401 | 403; code: string; message: string }
  | { status: 429; code: 'rate_limited'; message: string; retryAfter: number };

const tooMany = (retryAfter: number): GateRefusal => ({
  status: 429,
  code: 'rate_limited',
  message: `Too many enrollment requests; retry in ${retryAfter} s.`,
  retryAfter,
});

/**
 * Every enrollment route starts here: counted per client address before the token is even looked up (so guessing
 * tokens is as slow as anything else), then per enrollment token, then refused unless the organisation allows
 * this way of proving identity.
 */
export async function openEnrollment(
  c: Context<AppEnv>,
  enrollmentToken: string,
  mode: IdentityMode | undefined,
): Promise<{ enrollment: Enrollment } | { refusal: GateRefusal }> {
  const limiter = c.var.enrollmentLimiter;
  const addressWait = await limiter.fromAddress(c.var.clientAddress);
  if (addressWait > 0) return { refusal: tooMany(addressWait) };
  const row = await c.var.db
    .selectFrom('api_tokens')
    .select(['id', 'org_id', 'team_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(enrollmentToken))
    .where('kind', '=', 'enrollment')
    .executeTakeFirst();
  if (!row?.team_id || row.revoked_at || (row.expires_at && row.expires_at <= new Date().toISOString()))
    return {
      refusal: {
        status: 401,
        code: 'invalid_enrollment_token',
        message: 'This enrollment token is unknown, revoked or expired.',
      },
    };
  const tokenWait = await limiter.withToken(row.id);
  if (tokenWait > 0) return { refusal: tooMany(tokenWait) };
  const settings = await readIdentitySettings(c.var.db, row.org_id);
  if (mode && !settings.allowedModes.includes(mode))
    return {
      refusal: {
        status: 403,
        code: 'identity_mode_not_allowed',
        message: `This organisation does not enroll browsers by ${mode}; it uses ${settings.allowedModes.join(', ')}.`,
      },
    };
  return { enrollment: { tokenId: row.id, orgId: row.org_id, teamId: row.team_id, settings } };
}

export function refuseEnrollment(c: Context<AppEnv>, refusal: GateRefusal) {
  if (refusal.status === 429) {
    c.header('retry-after', String(refusal.retryAfter));
    return apiError(c, 429, refusal.code, refusal.message);
  }
  return apiError(c, refusal.status, refusal.code, refusal.message);
}

/**
 * The one answer to "this email cannot be bound with this token", whatever the reason (another team, a lead, a
 * deactivated user): the reason goes to the audit log, never to the caller, so roles and teams are not revealed.
 */
export const ENROLLMENT_REFUSED =
  'This browser cannot be enrolled for that person with this team’s enrollment token. Ask your team lead or admin.';
