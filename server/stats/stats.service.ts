import { type Kysely, sql } from 'kysely';
import type { Figure, ServiceStats, StatsQuery } from '../../lib/schema/stats';
import { percentile } from '../../lib/stats';
import type { Database } from '../db/schema';
import { groupExpression, inScope, labelsFor, toNumber } from './stats.filters';
import type { StatsScope } from './stats.scope';
import { scopeSummary } from './stats.summary';

interface Acc {
  targets: number;
  breached: number;
  firstReplies: number[];
}

/**
 * SLA attainment over the outcomes agents' browsers reported: each ticket × metric × cycle counts once (a reopened
 * ticket's new cycles count too) and is breached if it was ever reported breached (a late reply is reported
 * breached, then fulfilled). First-reply times come
 * from fulfilled first-reply targets, in the target's own terms (business time for business-hours targets).
 */
export async function serviceStats(db: Kysely<Database>, scope: StatsScope, query: StatsQuery): Promise<ServiceStats> {
  const groupBy = query.groupBy === 'dimension' || query.groupBy === 'tier' ? 'none' : query.groupBy;
  // Grouping by SLA metric is this table's own (satisfaction has no metric); the other groupings are shared.
  const key =
    groupBy === 'metric'
      ? { expression: sql<string>`metric`, keyOf: (rawKey: string) => rawKey }
      : groupExpression(db, groupBy, query);
  const perTarget = inScope(db.selectFrom('sla_outcomes'), scope, query)
    .where('state', 'in', ['fulfilled', 'breached'])
    .select([
      key.expression.as('k'),
      'helpdesk',
      'ticket_id',
      'metric',
      'cycle',
      sql<number>`max(breached)`.as('breached'),
      sql<number | null>`max(case when metric = 'first_reply_time' and state = 'fulfilled' then elapsed_ms end)`.as(
        'first_reply_ms',
      ),
    ])
    .groupBy([sql`1`, 'helpdesk', 'ticket_id', 'metric', 'cycle']);
  const rows = await perTarget.execute();

  const groups = new Map<string, Acc>();
  const total: Acc = { targets: 0, breached: 0, firstReplies: [] };
  for (const row of rows) {
    const rawKey = String(row.k ?? '');
    const groupKey = key.keyOf(rawKey);
    const acc = groups.get(groupKey) ?? { targets: 0, breached: 0, firstReplies: [] };
    for (const into of [acc, total]) {
      into.targets += 1;
      into.breached += toNumber(row.breached) > 0 ? 1 : 0;
      if (row.first_reply_ms !== null && row.first_reply_ms !== undefined)
        into.firstReplies.push(toNumber(row.first_reply_ms));
    }
    groups.set(groupKey, acc);
  }
  const figures = (acc: Acc) => {
    const attainment: Figure = {
      value: acc.targets === 0 ? null : (100 * (acc.targets - acc.breached)) / acc.targets,
      n: acc.targets,
    };
    return {
      slaAttainment: attainment,
      breaches: acc.breached,
      firstReplyMedianMs: percentile(acc.firstReplies, 0.5),
      firstReplyP90Ms: percentile(acc.firstReplies, 0.9),
    };
  };
  const keys = groupBy === 'none' ? [] : [...groups.keys()].sort();
  const labels = await labelsFor(db, scope.orgId, groupBy, keys);
  return {
    scope: scopeSummary(scope, query),
    total: figures(total),
    groups: keys.map((k) => ({
      key: k,
      label: labels.get(k) ?? k,
      ...figures(groups.get(k) ?? { targets: 0, breached: 0, firstReplies: [] }),
    })),
  };
}
