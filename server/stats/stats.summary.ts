import type { StatsQuery } from '../../lib/schema/stats';
import type { StatsScope } from './stats.scope';

/** What the figures cover, echoed back so an exported file says what it is. */
export function scopeSummary(scope: StatsScope, query: StatsQuery) {
  return {
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    tz: query.tz,
    groupBy: query.groupBy,
    round: query.round,
    teamIds: scope.teamIds,
    agentId: scope.agentId,
    tierId: scope.tierId,
  };
}
