import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { newToken, storeToken } from './tokens';

/** Agent tokens bound to a browser last a year; the browser proves who it is again when one expires or is revoked. */
export const BROWSER_TOKEN_LIFETIME_MS = 365 * 24 * 3_600_000;

/**
 * Ends everything a user is signed in with: console sessions, agent tokens, and the browsers bound to them. Used
 * when a password changes or a user is deactivated or reactivated, so nothing issued before keeps working.
 */
export async function endUserCredentials(db: Kysely<Database>, userId: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('kind', '=', 'agent')
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .updateTable('devices')
    .set({ status: 'revoked', decided_at: at, reason: 'credentials ended' })
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .execute();
}

/** A new agent token for a browser the user proved is theirs (or a lead approved), linked to its device row. */
export async function mintBrowserToken(
  db: Kysely<Database>,
  binding: { orgId: string; teamId: string; userId: string; deviceId: string; label: string },
  now = new Date(),
): Promise<string> {
  const token = newToken('agent');
  const tokenId = await storeToken(
    db,
    token,
    {
      org_id: binding.orgId,
      user_id: binding.userId,
      team_id: binding.teamId,
      kind: 'agent',
      label: binding.label,
      expires_at: new Date(now.getTime() + BROWSER_TOKEN_LIFETIME_MS).toISOString(),
    },
    now,
  );
  await db
    .updateTable('devices')
    .set({ token_id: tokenId, claimed_at: now.toISOString() })
    .where('id', '=', binding.deviceId)
    .execute();
  return token;
}

/** Whether a user belongs to (or leads) the team an enrollment token is for: browsers never cross teams. */
export async function userCoveredByTeam(
  db: Kysely<Database>,
  user: { id: string; team_id: string | null },
  teamId: string,
): Promise<boolean> {
  if (user.team_id === teamId) return true;
  const led = await db
    .selectFrom('team_leads')
    .select('team_id')
    .where('user_id', '=', user.id)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return Boolean(led);
}
