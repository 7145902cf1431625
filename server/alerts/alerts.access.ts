import type { Kysely } from 'kysely';
import type { AlertScope } from '../../lib/schema/alerts';
import { canSeeTeam, type Principal } from '../auth/principal';
import type { AlertRulesTable, Database } from '../db/schema';

/** A scope's team or agent must be of the caller's organisation; the message names what is missing. */
export async function unknownScopeTarget(
  db: Kysely<Database>,
  orgId: string,
  scope: { type: AlertScope['type']; id?: string | null },
): Promise<string | undefined> {
  if (scope.type === 'team') {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', scope.id ?? '')
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return team ? undefined : `No team ${scope.id} in your organisation.`;
  }
  if (scope.type === 'agent') {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', scope.id ?? '')
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return user ? undefined : `No user ${scope.id} in your organisation.`;
  }
  return undefined;
}

/**
 * Leads read the organisation's rules (per-team rules apply to their teams too) and those scoped to their own teams
 * or agents; a rule about another team's figures is not theirs to see.
 */
export async function canSeeRule(
  db: Kysely<Database>,
  principal: Principal,
  rule: Pick<AlertRulesTable, 'scope_type' | 'scope_id'>,
): Promise<boolean> {
  if (principal.allTeams) return true;
  if (rule.scope_type === 'org' || rule.scope_type === 'tier') return true;
  if (rule.scope_type === 'team') return canSeeTeam(principal, rule.scope_id);
  const agent = await db
    .selectFrom('users')
    .select('team_id')
    .where('id', '=', rule.scope_id ?? '')
    .where('org_id', '=', principal.orgId)
    .executeTakeFirst();
  return canSeeTeam(principal, agent?.team_id);
}

/** Teams whose firings and actions the caller sees: null for every team (trainers and admins). */
export const visibleTeams = (principal: Principal): readonly string[] | null =>
  principal.allTeams ? null : principal.teamIds;
