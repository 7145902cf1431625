import type { Kysely } from 'kysely';
import type { Database, Role, UsersTable } from '../db/schema';

/**
 * Whoever is calling, however they proved it (an API token from the extension or a console session),
 * with the teams whose data they may read, resolved once per request.
 */
export interface Principal {
  userId: string;
  orgId: string;
  role: Role;
  email: string;
  name: string;
  /** The user's own team (agents, leads and trainers usually have one; admins may not). */
  teamId: string | null;
  /** True for trainers and admins: they read every team of their organisation. */
  allTeams: boolean;
  /** Teams whose data may be read: own team for agents; own plus led teams for leads; all for trainers/admins. */
  teamIds: readonly string[];
  via: 'token' | 'session';
  /** The api_tokens or sessions row that authenticated this request (for rate limits and the audit log). */
  credentialId: string;
}

type UserRow = Pick<UsersTable, 'id' | 'org_id' | 'team_id' | 'role' | 'email' | 'name'>;

export async function principalFor(
  db: Kysely<Database>,
  user: UserRow,
  via: Principal['via'],
  credentialId: string,
): Promise<Principal> {
  const allTeams = user.role === 'admin' || user.role === 'trainer';
  let teamIds: string[];
  if (allTeams) {
    const rows = await db.selectFrom('teams').select('id').where('org_id', '=', user.org_id).execute();
    teamIds = rows.map((r) => r.id);
  } else {
    teamIds = user.team_id ? [user.team_id] : [];
    if (user.role === 'lead') {
      const led = await db
        .selectFrom('team_leads')
        .select('team_id')
        .where('user_id', '=', user.id)
        .where('org_id', '=', user.org_id)
        .execute();
      for (const { team_id } of led) if (!teamIds.includes(team_id)) teamIds.push(team_id);
    }
  }
  return {
    userId: user.id,
    orgId: user.org_id,
    role: user.role,
    email: user.email,
    name: user.name,
    teamId: user.team_id,
    allTeams,
    teamIds,
    via,
    credentialId,
  };
}

/** Whether this principal may read (or, for leads, manage) data of that team. */
export function canSeeTeam(principal: Principal, teamId: string | null | undefined): boolean {
  if (principal.allTeams) return true;
  return teamId != null && principal.teamIds.includes(teamId);
}
