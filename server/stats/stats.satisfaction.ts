import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Figure, SatisfactionStats, StatsQuery } from '../../lib/schema/stats';
import { weakestDimension } from '../../lib/stats';
import { DIMENSION_COLUMN } from '../db/dimension-columns';
import type { Database } from '../db/schema';
import { groupExpression, inScope, labelsFor, toNumber } from './stats.filters';
import { isPostgres, localPeriodRanges } from './stats.periods';
import type { StatsScope } from './stats.scope';
import { scopeSummary } from './stats.summary';

const DIMENSIONS = Object.entries(DIMENSION_COLUMN);

/** Additive parts of the satisfaction figures, so UTC buckets can be folded into local days and weeks. */
interface Sums {
  n: number;
  satisfied: number;
  npsN: number;
  promoters: number;
  detractors: number;
  /** per dimension: [answers, sum of scores, satisfied among those who rated it, NPS answers, promoters, detractors] */
  dims: Map<string, number[]>;
}

const emptySums = (): Sums => ({ n: 0, satisfied: 0, npsN: 0, promoters: 0, detractors: 0, dims: new Map() });

function add(into: Sums, from: Sums): void {
  into.n += from.n;
  into.satisfied += from.satisfied;
  into.npsN += from.npsN;
  into.promoters += from.promoters;
  into.detractors += from.detractors;
  for (const [dimension, values] of from.dims) {
    const target = into.dims.get(dimension) ?? [0, 0, 0, 0, 0, 0];
    values.forEach((v, i) => {
      target[i] = (target[i] ?? 0) + v;
    });
    into.dims.set(dimension, target);
  }
}

const percentOf = (part: number, n: number): Figure => ({ value: n === 0 ? null : (100 * part) / n, n });
const npsOf = (promoters: number, detractors: number, n: number): Figure => ({
  value: n === 0 ? null : (100 * (promoters - detractors)) / n,
  n,
});

function figures(sums: Sums) {
  const dimensions: Record<string, Figure> = {};
  for (const [dimension] of DIMENSIONS) {
    const [answers = 0, total = 0] = sums.dims.get(dimension) ?? [];
    dimensions[dimension] = { value: answers === 0 ? null : total / answers, n: answers };
  }
  return {
    n: sums.n,
    csat: percentOf(sums.satisfied, sums.n),
    nps: npsOf(sums.promoters, sums.detractors, sums.npsN),
    dimensions,
  };
}

/**
 * CSAT, NPS and dimension averages of counted scores (the current score per agent, ticket and round;
 * replaced and retracted scores never count), aggregated in SQL over the partial stats indexes.
 */
export async function satisfactionStats(
  db: Kysely<Database>,
  scope: StatsScope,
  query: StatsQuery,
): Promise<SatisfactionStats> {
  const byDimension = query.groupBy === 'dimension';
  const key = groupExpression(db, query.groupBy, query);
  const aggregate = (k: RawBuilder<string>, period: Pick<StatsQuery, 'from' | 'to'>) => {
    let qb = inScope(db.selectFrom('feedback'), scope, period)
      .where('is_current', '=', 1)
      .where('round', '=', query.round)
      .select([
        k.as('k'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when csat >= 4 then 1 else 0 end)`.as('satisfied'),
        sql<number>`count(nps)`.as('nps_n'),
        sql<number>`sum(case when nps >= 9 then 1 else 0 end)`.as('promoters'),
        sql<number>`sum(case when nps <= 6 then 1 else 0 end)`.as('detractors'),
      ]);
    for (const [dimension, column] of DIMENSIONS) {
      const c = sql.ref(column);
      qb = qb.select([sql<number>`count(${c})`.as(`${dimension}_n`), sql<number>`sum(${c})`.as(`${dimension}_sum`)]);
      if (byDimension) {
        qb = qb.select([
          sql<number>`sum(case when ${c} is not null and csat >= 4 then 1 else 0 end)`.as(`${dimension}_sat`),
          sql<number>`sum(case when ${c} is not null and nps is not null then 1 else 0 end)`.as(`${dimension}_npsn`),
          sql<number>`sum(case when ${c} is not null and nps >= 9 then 1 else 0 end)`.as(`${dimension}_pro`),
          sql<number>`sum(case when ${c} is not null and nps <= 6 then 1 else 0 end)`.as(`${dimension}_det`),
        ]);
      }
    }
    if (scope.tierId) qb = qb.where('tier_id', '=', scope.tierId);
    return qb;
  };
  let rows: Record<string, unknown>[];
  let keyOf = key.keyOf;
  if ((query.groupBy === 'day' || query.groupBy === 'week') && !isPostgres(db)) {
    keyOf = (label) => label;
    const ranges = localPeriodRanges(query.groupBy, query.tz, new Date(query.from), new Date(query.to));
    const [first, ...rest] = ranges.map((range) => aggregate(sql<string>`${range.label}`, range));
    rows = first ? ((await rest.reduce((union, next) => union.unionAll(next), first).execute()) as typeof rows) : [];
  } else {
    rows = (await aggregate(key.expression, query).groupBy(sql`1`).execute()) as typeof rows;
  }

  const groups = new Map<string, Sums>();
  const total = emptySums();
  for (const row of rows) {
    const sums: Sums = {
      n: toNumber(row.n),
      satisfied: toNumber(row.satisfied),
      npsN: toNumber(row.nps_n),
      promoters: toNumber(row.promoters),
      detractors: toNumber(row.detractors),
      dims: new Map(
        DIMENSIONS.map(([dimension]) => [
          dimension,
          ['n', 'sum', 'sat', 'npsn', 'pro', 'det'].map((part) => toNumber(row[`${dimension}_${part}`])),
        ]),
      ),
    };
    add(total, sums);
    const rawKey = String(row.k ?? '');
    const groupKey = keyOf(rawKey);
    const group = groups.get(groupKey) ?? emptySums();
    add(group, sums);
    groups.set(groupKey, group);
  }

  const totalFigures = figures(total);
  let groupList: SatisfactionStats['groups'];
  if (byDimension) {
    groupList = DIMENSIONS.map(([dimension]) => {
      const [answers = 0, sum = 0, satisfied = 0, npsN = 0, promoters = 0, detractors = 0] =
        total.dims.get(dimension) ?? [];
      return {
        key: dimension,
        label: dimension.replaceAll('_', ' '),
        n: answers,
        csat: percentOf(satisfied, answers),
        nps: npsOf(promoters, detractors, npsN),
        dimensions: { [dimension]: { value: answers === 0 ? null : sum / answers, n: answers } },
      };
    });
  } else if (query.groupBy === 'none') {
    groupList = [];
  } else {
    // A time series has every period of the range, empty ones with n = 0, so charts show gaps as gaps.
    if (query.groupBy === 'day' || query.groupBy === 'week') {
      for (const range of localPeriodRanges(query.groupBy, query.tz, new Date(query.from), new Date(query.to)))
        if (!groups.has(range.label)) groups.set(range.label, emptySums());
    }
    const keys = [...groups.keys()].sort();
    const labels = await labelsFor(db, scope.orgId, query.groupBy, keys);
    groupList = keys.map((k) => ({ key: k, label: labels.get(k) ?? k, ...figures(groups.get(k) ?? emptySums()) }));
  }
  const weakest = weakestDimension(totalFigures.dimensions);
  return {
    scope: scopeSummary(scope, query),
    total: totalFigures,
    groups: groupList,
    weakestDimension: weakest ?? null,
  };
}
