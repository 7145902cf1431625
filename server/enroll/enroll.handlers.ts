import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EnrollRequest, EnrollResponse } from '../../lib/schema/api';
import { hashToken, newToken, storeToken } from '../auth/tokens';
import type { Database } from '../db/schema';

export type EnrollOutcome =
  | { ok: true; value: EnrollResponse }
  | { ok: false; status: 401 | 409; code: string; message: string };

/** Agent tokens from enrollment last a year; the browser enrolls again when one expires or is revoked. */
const TOKEN_LIFETIME_MS = 365 * 24 * 3_600_000;

/**
 * The agent is found (or created) by email in the token's org and put in the token's team; each enrollment
 * issues a new agent token, so re-installing the extension never needs an admin.
 */
export async function enrollAgent(
  db: Kysely<Database>,
  request: EnrollRequest,
  now = new Date(),
): Promise<EnrollOutcome> {
  const enrollment = await db
    .selectFrom('api_tokens')
    .select(['org_id', 'team_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(request.enrollmentToken))
    .where('kind', '=', 'enrollment')
    .executeTakeFirst();
  if (
    !enrollment ||
    enrollment.revoked_at ||
    (enrollment.expires_at && enrollment.expires_at <= now.toISOString()) ||
    !enrollment.team_id
  ) {
    return {
      ok: false,
      status: 401,
      code: 'invalid_enrollment_token',
      message: 'This enrollment token is unknown, revoked or expired.',
    };
  }
  const email = request.agent.email.toLowerCase();
  const teamId = enrollment.team_id;
  return db.transaction().execute(async (trx) => {
    let user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role'])
      .where('org_id', '=', enrollment.org_id)
      .where('email', '=', email)
      .executeTakeFirst();
    if (user && user.role !== 'agent') {
      return {
        ok: false as const,
        status: 409 as const,
        code: 'not_an_agent',
        message: `${email} is a ${user.role} in this organization, not an agent.`,
      };
    }
    if (!user) {
      user = { id: randomUUID(), email, name: request.agent.name ?? email, role: 'agent' };
      await trx
        .insertInto('users')
        .values({
          ...user,
          org_id: enrollment.org_id,
          team_id: teamId,
          password_hash: null,
          created_at: now.toISOString(),
        })
        .execute();
    }
    const token = newToken('agent');
    await storeToken(
      trx,
      token,
      {
        org_id: enrollment.org_id,
        user_id: user.id,
        team_id: teamId,
        kind: 'agent',
        label: `Enrolled browser${request.agent.helpdeskUserId ? ` (helpdesk user ${request.agent.helpdeskUserId})` : ''}`,
        expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS).toISOString(),
      },
      now,
    );
    return {
      ok: true as const,
      value: { token, agent: { id: user.id, email: user.email, name: user.name }, orgId: enrollment.org_id, teamId },
    };
  });
}
