import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { StatsQuery } from '../../lib/schema/stats';
import type { Database } from '../db/schema';
import { periodBuckets } from './stats.periods';
import type { StatsScope } from './stats.scope';

type Table = 'feedback' | 'sla_outcomes' | 'script_usage';

/** Organisation, teams, agent and period: the same narrowing for every stats table. */
export function inScope<T extends Table, O>(
  qb: SelectQueryBuilder<Database, T, O>,
  scope: StatsScope,
  query: Pick<StatsQuery, 'from' | 'to'>,
): SelectQueryBuilder<Database, T, O> {
  // Cast once: each of the three tables has these columns, which Kysely cannot see through the generic.
  let q = qb as unknown as SelectQueryBuilder<Database, 'feedback', O>;
  q = q
    .where('org_id', '=', scope.orgId)
    .where('occurred_at', '>=', new Date(query.from).toISOString())
    .where('occurred_at', '<', new Date(query.to).toISOString());
  if (scope.teamIds) q = scope.teamIds.length ? q.where('team_id', 'in', scope.teamIds) : q.where(sql.lit(false));
  if (scope.agentId) q = q.where('agent_id', '=', scope.agentId);
  return q as unknown as SelectQueryBuilder<Database, T, O>;
}

export type Grouping = StatsQuery['groupBy'];

export interface GroupKey {
  expression: RawBuilder<string>;
  /** The group key shown for a raw key (periods are folded into local days or weeks). */
  keyOf: (rawKey: string) => string;
}

/**
 * The SQL expression rows are grouped by. Agent ids are wrapped in coalesce so SQLite's planner does not pick the
 * per-agent index (scanning the whole organisation in agent order) over the team's period range.
 */
export function groupExpression(
  db: Kysely<Database>,
  groupBy: Grouping,
  query: Pick<StatsQuery, 'from' | 'to' | 'tz'>,
): GroupKey {
  const same = (rawKey: string) => rawKey;
  switch (groupBy) {
    case 'agent':
      return { expression: sql<string>`coalesce(agent_id, '')`, keyOf: same };
    case 'team':
      return { expression: sql<string>`coalesce(team_id, '')`, keyOf: same };
    case 'tier':
      return { expression: sql<string>`coalesce(tier_id, '')`, keyOf: same };
    case 'day':
    case 'week': {
      const buckets = periodBuckets(db, groupBy, query.tz, new Date(query.from), new Date(query.to));
      return { expression: buckets.expression, keyOf: buckets.labelOf };
    }
    default:
      return { expression: sql<string>`''`, keyOf: same };
  }
}

export const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Display names for agent and team keys; other keys are their own label. */
export async function labelsFor(
  db: Kysely<Database>,
  orgId: string,
  groupBy: Grouping,
  keys: string[],
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (keys.length === 0) return labels;
  if (groupBy === 'agent') {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', keys)
      .execute();
    for (const row of rows) labels.set(row.id, row.name);
  } else if (groupBy === 'team') {
    const rows = await db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', keys)
      .execute();
    for (const row of rows) labels.set(row.id, row.name);
    labels.set('', '(no team)');
  } else if (groupBy === 'tier') {
    labels.set('', '(no tier)');
  }
  return labels;
}
