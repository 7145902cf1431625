import { type Kysely, sql, type Transaction } from 'kysely';
import { type BulkInsert, bulkInsert } from '../db/bulk-insert';
import { DIMENSION_COLUMNS, type DimensionColumn } from '../db/dimension-columns';
import {
  bucketLength,
  type FeedbackFigureRow,
  GRAINS,
  type Grain,
  isTeamGrain,
  ROLLUP_KEY,
  SUM_COLUMN_NAMES,
  SUM_COLUMNS,
} from '../db/rollup-columns';
import type { Database, FeedbackRollupsTable } from '../db/schema';

/** A counted score as ingest sees it: enough to place it in its roll-up rows and compute its sums. */
export interface CountedScore extends FeedbackFigureRow {
  org_id: string;
  team_id: string | null;
  agent_id: string;
  tier_id: string | null;
  round: string;
  occurred_at: string;
}

/** Columns feedback rows must be read with to become a CountedScore. */
export const COUNTED_SCORE_COLUMNS = [
  'org_id',
  'team_id',
  'agent_id',
  'tier_id',
  'round',
  'occurred_at',
  'csat',
  'nps',
  'complaint_grade',
  ...DIMENSION_COLUMNS,
] as const;

export function countedScore(row: Record<(typeof COUNTED_SCORE_COLUMNS)[number], unknown>): CountedScore {
  const dims = Object.fromEntries(
    DIMENSION_COLUMNS.map((c) => [c, row[c] === null || row[c] === undefined ? null : Number(row[c])]),
  ) as Record<DimensionColumn, number | null>;
  return {
    org_id: String(row.org_id),
    team_id: row.team_id === null ? null : String(row.team_id),
    agent_id: String(row.agent_id),
    tier_id: row.tier_id === null ? null : String(row.tier_id),
    round: String(row.round),
    occurred_at: String(row.occurred_at),
    csat: Number(row.csat),
    nps: row.nps === null ? null : Number(row.nps),
    complaint_grade: row.complaint_grade === null ? null : String(row.complaint_grade),
    dims,
  };
}

const UPSERT: BulkInsert<'feedback_rollups'> = {
  table: 'feedback_rollups',
  columns: [...ROLLUP_KEY, ...SUM_COLUMN_NAMES] as (keyof FeedbackRollupsTable & string)[],
  integers: SUM_COLUMN_NAMES,
  suffix: `on conflict (${ROLLUP_KEY.map((k) => `"${k}"`).join(', ')}) do update set ${SUM_COLUMN_NAMES.map(
    (name) => `"${name}" = "feedback_rollups"."${name}" + excluded."${name}"`,
  ).join(', ')}`,
};

type RollupKey = Pick<FeedbackRollupsTable, (typeof ROLLUP_KEY)[number]>;

/** Rows per upsert statement: 51 parameters each, well under both databases' limits. */
const CHUNK = 100;

/**
 * Adds the scores that started counting and subtracts those that stopped (replaced or retracted) in every grain,
 * inside the ingest transaction, so roll-ups and raw rows never disagree. Keys are written in one sorted order,
 * so two instances ingesting at once lock roll-up rows in the same order and cannot deadlock.
 */
export async function applyRollupDeltas(
  trx: Transaction<Database>,
  added: CountedScore[],
  removed: CountedScore[],
): Promise<void> {
  // A score's sums are computed once and added to each of its grains' rows as plain arrays: ingest runs this for
  // every score of every batch, and per-column object writes cost more than the roll-up upsert itself.
  const deltas = new Map<string, { key: RollupKey; sums: number[] }>();
  const apply = (score: CountedScore, sign: 1 | -1) => {
    const figures = SUM_COLUMNS.map((column) => sign * column.of(score));
    for (const grain of GRAINS) {
      const key: RollupKey = {
        org_id: score.org_id,
        grain,
        team_id: score.team_id ?? '',
        bucket: score.occurred_at.slice(0, bucketLength(grain)),
        agent_id: isTeamGrain(grain) ? '' : score.agent_id,
        tier_id: score.tier_id ?? '',
        round: score.round,
      };
      const id = ROLLUP_KEY.map((k) => key[k]).join('\u0000');
      let delta = deltas.get(id);
      if (!delta) {
        delta = { key, sums: new Array<number>(figures.length).fill(0) };
        deltas.set(id, delta);
      }
      for (let i = 0; i < figures.length; i++) delta.sums[i] = (delta.sums[i] ?? 0) + (figures[i] ?? 0);
    }
  };
  for (const score of added) apply(score, 1);
  for (const score of removed) apply(score, -1);
  const rows = [...deltas.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([, { key, sums }]) =>
        ({ ...key, ...Object.fromEntries(SUM_COLUMN_NAMES.map((name, i) => [name, sums[i]])) }) as FeedbackRollupsTable,
    );
  for (let i = 0; i < rows.length; i += CHUNK) await bulkInsert(trx, UPSERT, rows.slice(i, i + CHUNK));
}

/** The INSERT … SELECT that sums counted feedback into one grain (for one organisation, or all). */
function rebuildGrain(grain: Grain, orgId?: string) {
  const length = bucketLength(grain);
  const agent = isTeamGrain(grain) ? sql.lit('') : sql.ref('agent_id');
  const sums = sql.join(SUM_COLUMNS.map((c) => sql`sum(${sql.raw(c.sql)})`));
  const columns = sql.join([...ROLLUP_KEY, ...SUM_COLUMN_NAMES].map((c) => sql.ref(c)));
  return sql`insert into feedback_rollups (${columns})
    select org_id, ${sql.lit(grain)}, coalesce(team_id, ''), substr(occurred_at, 1, ${sql.lit(length)}), ${agent},
      coalesce(tier_id, ''), round, ${sums}
    from feedback
    where is_current = 1 ${orgId === undefined ? sql`` : sql`and org_id = ${orgId}`}
    group by 1, 2, 3, 4, 5, 6, 7`;
}

/**
 * Recomputes the roll-ups from the counted scores. Ingest keeps them current; this builds them when the table is
 * created and after scores were written by other means (bulk loads in benchmarks).
 */
export async function rebuildRollups(db: Kysely<Database> | Kysely<unknown>, orgId?: string): Promise<void> {
  // why: migrations hold an untyped Kysely; the statements here name only tables this module owns.
  const target = db as unknown as Kysely<Database>;
  const rebuild = async (trx: Kysely<Database>) => {
    let remove = trx.deleteFrom('feedback_rollups');
    if (orgId !== undefined) remove = remove.where('org_id', '=', orgId);
    await remove.execute();
    for (const grain of GRAINS) await rebuildGrain(grain, orgId).execute(trx);
  };
  // Migrations already run in a transaction of their own.
  if (target.isTransaction) await rebuild(target);
  else await target.transaction().execute(rebuild);
}
