import type { Kysely } from 'kysely';
import type { StatsQuery } from '../../lib/schema/stats';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';

/** What one stats request may read: always one organisation, then teams and/or one agent. */
export interface StatsScope {
  orgId: string;
  /** null: every team of the organisation. An empty list reads nothing. */
  teamIds: string[] | null;
  agentId: string | null;
  tierId: string | null;
}

export type ScopeResult = { scope: StatsScope } | { forbidden: string } | { unknownTeam: string };

/**
 * Agents read their own figures only; leads the teams they lead (or belong to); trainers and admins the whole
 * organisation. Asking for more than that is refused, never silently narrowed, so a lead cannot mistake an
 * empty answer for another team's figures.
 */
export async function resolveScope(
  db: Kysely<Database>,
  principal: Principal,
  query: Pick<StatsQuery, 'teamId' | 'agentId' | 'tierId'>,
): Promise<ScopeResult> {
  const tierId = query.tierId ?? null;
  if (principal.role === 'agent') {
    if (query.agentId && query.agentId !== principal.userId)
      return { forbidden: 'Agents can read only their own figures.' };
    if (query.teamId && query.teamId !== principal.teamId)
      return { forbidden: 'Agents can read only their own figures.' };
    return { scope: { orgId: principal.orgId, teamIds: null, agentId: principal.userId, tierId } };
  }
  if (query.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', query.teamId)
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    if (!team) return { unknownTeam: query.teamId };
    if (!principal.allTeams && !principal.teamIds.includes(query.teamId))
      return { forbidden: `You do not lead team ${query.teamId}.` };
  }
  const teamIds = query.teamId ? [query.teamId] : principal.allTeams ? null : [...principal.teamIds];
  return { scope: { orgId: principal.orgId, teamIds, agentId: query.agentId ?? null, tierId } };
}
