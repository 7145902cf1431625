import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ComplaintFigures, Figure, SatisfactionStats, StatsQuery } from '../../lib/schema/stats';
import { weakestDimension } from '../../lib/stats';
import { DIMENSION_COLUMN } from '../db/dimension-columns';
import { type Grain, SUM_COLUMN_NAMES, SUM_COLUMNS } from '../db/rollup-columns';
import type { Database } from '../db/schema';
import { labelsFor, toNumber } from './stats.filters';
import { localPeriodRanges } from './stats.periods';
import { type Period, type Piece, planPieces } from './stats.plan';
import type { StatsScope } from './stats.scope';
import { scopeSummary } from './stats.summary';

const DIMENSIONS = Object.entries(DIMENSION_COLUMN);

/** The additive parts of the figures, in SUM_COLUMN_NAMES order: raw rows and roll-ups give the same sums. */
type Sums = number[];
const INDEX = new Map(SUM_COLUMN_NAMES.map((name, i) => [name, i]));
const part = (sums: Sums, name: string) => sums[INDEX.get(name) ?? -1] ?? 0;
const emptySums = (): Sums => SUM_COLUMN_NAMES.map(() => 0);
function add(into: Sums, from: Sums): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
}

const percentOf = (count: number, n: number): Figure => ({ value: n === 0 ? null : (100 * count) / n, n });
const npsOf = (promoters: number, detractors: number, n: number): Figure => ({
  value: n === 0 ? null : (100 * (promoters - detractors)) / n,
  n,
});

function complaintsOf(sums: Sums): ComplaintFigures {
  const graded = part(sums, 'graded');
  const urgent = part(sums, 'urgent');
  const important = part(sums, 'important');
  return { rate: percentOf(urgent + important, graded), urgent, important, normal: graded - urgent - important };
}

function figures(sums: Sums) {
  const dimensions: Record<string, Figure> = {};
  for (const [dimension, column] of DIMENSIONS) {
    const answers = part(sums, `${column}_n`);
    dimensions[dimension] = { value: answers === 0 ? null : part(sums, `${column}_sum`) / answers, n: answers };
  }
  const n = part(sums, 'n');
  return {
    n,
    csat: percentOf(part(sums, 'satisfied'), n),
    nps: npsOf(part(sums, 'promoters'), part(sums, 'detractors'), part(sums, 'nps_n')),
    dimensions,
    complaints: complaintsOf(sums),
  };
}

/** Figures of the scores that rated one dimension (grouping by dimension). */
function dimensionGroup(total: Sums, dimension: string, column: string) {
  const answers = part(total, `${column}_n`);
  return {
    key: dimension,
    label: dimension.replaceAll('_', ' '),
    n: answers,
    csat: percentOf(part(total, `${column}_sat`), answers),
    nps: npsOf(part(total, `${column}_pro`), part(total, `${column}_det`), part(total, `${column}_npsn`)),
    dimensions: { [dimension]: { value: answers === 0 ? null : part(total, `${column}_sum`) / answers, n: answers } },
    complaints: complaintsOf(emptySums()),
  };
}

type Row = { k: unknown } & Record<string, unknown>;

/** The sums a grouping needs: the per-dimension CSAT / NPS parts only when grouping by dimension. */
function neededSums(groupBy: StatsQuery['groupBy']) {
  if (groupBy === 'dimension') return SUM_COLUMNS;
  return SUM_COLUMNS.filter((column) => !/_(sat|npsn|pro|det)$/.test(column.name));
}

/** Each sum, over raw rows (the per-row expression) or over roll-up rows (the stored sum). */
function sumList(groupBy: StatsQuery['groupBy'], raw: boolean) {
  return sql.join(
    neededSums(groupBy).map((column) =>
      raw
        ? sql`sum(${sql.raw(column.sql)}) as ${sql.ref(column.name)}`
        : sql`sum(r.${sql.ref(column.name)}) as ${sql.ref(column.name)}`,
    ),
  );
}

/**
 * The pieces as a small table, joined to the rows they cover: one statement per source however many periods
 * there are (a year by week in a zone off UTC has a hundred pieces), each piece an index range lookup.
 */
function piecesTable(pieces: { grain?: Grain; from: string; to: string; label: string }[]) {
  const rows = pieces.map(
    (p) =>
      sql`(cast(${p.grain ?? ''} as text), cast(${p.from} as text), cast(${p.to} as text), cast(${p.label} as text))`,
  );
  return sql`with p(grain, lo, hi, label) as (values ${sql.join(rows)})`;
}

function groupKey(groupBy: StatsQuery['groupBy'], table: 'f' | 'r'): RawBuilder<string> {
  if (groupBy === 'day' || groupBy === 'week') return sql<string>`p.label`;
  const column =
    groupBy === 'agent' ? 'agent_id' : groupBy === 'team' ? 'team_id' : groupBy === 'tier' ? 'tier_id' : '';
  if (!column) return sql<string>`''`;
  // Raw rows may hold nulls where roll-ups hold ''. Agent ids are wrapped in coalesce so SQLite's planner keeps
  // the team's period range (see stats.filters).
  return table === 'f' ? sql<string>`coalesce(f.${sql.ref(column)}, '')` : sql<string>`r.${sql.ref(column)}`;
}

function scopeFilter(scope: StatsScope, table: 'f' | 'r') {
  const t = sql.raw(table);
  const parts = [sql`${t}.org_id = ${scope.orgId}`];
  if (scope.teamIds) parts.push(scope.teamIds.length ? sql`${t}.team_id in (${sql.join(scope.teamIds)})` : sql`1 = 0`);
  if (scope.agentId) parts.push(sql`${t}.agent_id = ${scope.agentId}`);
  if (scope.tierId) parts.push(sql`${t}.tier_id = ${scope.tierId}`);
  return sql.join(parts, sql` and `);
}

async function rawRows(db: Kysely<Database>, scope: StatsScope, query: StatsQuery, pieces: Piece[]): Promise<Row[]> {
  if (pieces.length === 0) return [];
  const result = await sql<Row>`${piecesTable(pieces)}
    select ${groupKey(query.groupBy, 'f')} as k, ${sumList(query.groupBy, true)}
    from p join feedback f on f.occurred_at >= p.lo and f.occurred_at < p.hi
    where ${scopeFilter(scope, 'f')} and f.is_current = 1 and f.round = ${query.round}
    group by 1`.execute(db);
  return result.rows;
}

async function rollupRows(
  db: Kysely<Database>,
  scope: StatsScope,
  query: StatsQuery,
  pieces: (Piece & { grain: Grain })[],
): Promise<Row[]> {
  if (pieces.length === 0) return [];
  const result = await sql<Row>`${piecesTable(pieces)}
    select ${groupKey(query.groupBy, 'r')} as k, ${sumList(query.groupBy, false)}
    from p join feedback_rollups r on r.grain = p.grain and r.bucket >= p.lo and r.bucket < p.hi
    where ${scopeFilter(scope, 'r')} and r.round = ${query.round}
    group by 1`.execute(db);
  return result.rows;
}

/** Rows of { k, sums… } for the request: roll-ups where whole UTC days and months allow, raw rows elsewhere. */
async function summedRows(db: Kysely<Database>, scope: StatsScope, query: StatsQuery): Promise<Row[]> {
  const periodic = query.groupBy === 'day' || query.groupBy === 'week';
  const periods: Period[] = periodic
    ? localPeriodRanges(query.groupBy as 'day' | 'week', query.tz, new Date(query.from), new Date(query.to))
    : [{ label: '', from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() }];
  const pieces = planPieces(periods);
  // One agent, or a grouping by agent, reads per-agent roll-ups; everything else the smaller per-team ones.
  const agentLevel = query.groupBy === 'agent' || scope.agentId !== null;
  const grainOf = (source: 'day' | 'month'): Grain =>
    agentLevel ? source : source === 'day' ? 'team_day' : 'team_month';
  const [raw, rolled] = await Promise.all([
    rawRows(
      db,
      scope,
      query,
      pieces.filter((p) => p.source === 'raw'),
    ),
    rollupRows(
      db,
      scope,
      query,
      pieces.flatMap((p) => (p.source === 'raw' ? [] : [{ ...p, grain: grainOf(p.source) }])),
    ),
  ]);
  return [...raw, ...rolled];
}

/**
 * CSAT, NPS, dimension averages and complaints of counted scores (the current score per agent, ticket and round;
 * replaced and retracted scores never count), summed in SQL from roll-ups and the raw rows at the edges.
 */
export async function satisfactionStats(
  db: Kysely<Database>,
  scope: StatsScope,
  query: StatsQuery,
): Promise<SatisfactionStats> {
  const rows = await summedRows(db, scope, query);
  const groups = new Map<string, Sums>();
  const total = emptySums();
  for (const row of rows) {
    const rowSums = SUM_COLUMN_NAMES.map((name) => toNumber(row[name]));
    add(total, rowSums);
    const key = String(row.k ?? '');
    const group = groups.get(key) ?? emptySums();
    add(group, rowSums);
    groups.set(key, group);
  }

  const totalFigures = figures(total);
  let groupList: SatisfactionStats['groups'];
  if (query.groupBy === 'dimension') {
    groupList = DIMENSIONS.map(([dimension, column]) => dimensionGroup(total, dimension, column));
  } else if (query.groupBy === 'none' || query.groupBy === 'metric') {
    groupList = [];
  } else {
    if (query.groupBy === 'day' || query.groupBy === 'week') {
      // A time series has every period of the range, empty ones with n = 0, so charts show gaps as gaps.
      for (const range of localPeriodRanges(query.groupBy, query.tz, new Date(query.from), new Date(query.to)))
        if (!groups.has(range.label)) groups.set(range.label, emptySums());
    } else {
      // An agent, team or tier whose scores were all replaced since (roll-up rows summing to nothing) is no group.
      for (const [key, groupSums] of groups) if (part(groupSums, 'n') === 0) groups.delete(key);
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
