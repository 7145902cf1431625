import { DIMENSION_COLUMNS, type DimensionColumn } from './dimension-columns';

/**
 * The additive parts of the satisfaction figures, each a 0/1 (or a score) per counted feedback row, so sums over
 * any set of rows — raw rows, or daily and monthly roll-ups of them — add up to the same figures.
 * `sql` is the per-row expression over `feedback`; `of` computes the same in JS for roll-up deltas on ingest.
 * Fixed names: migrations build the roll-up table from this list.
 */
export interface FeedbackFigureRow {
  csat: number;
  nps: number | null;
  complaint_grade: string | null;
  dims: Record<DimensionColumn, number | null>;
}

interface SumColumn {
  name: string;
  sql: string;
  of: (row: FeedbackFigureRow) => number;
}

const flag = (condition: boolean) => (condition ? 1 : 0);

const BASE: SumColumn[] = [
  { name: 'n', sql: '1', of: () => 1 },
  { name: 'satisfied', sql: 'case when csat >= 4 then 1 else 0 end', of: (r) => flag(r.csat >= 4) },
  { name: 'nps_n', sql: 'case when nps is not null then 1 else 0 end', of: (r) => flag(r.nps !== null) },
  { name: 'promoters', sql: 'case when nps >= 9 then 1 else 0 end', of: (r) => flag(r.nps !== null && r.nps >= 9) },
  { name: 'detractors', sql: 'case when nps <= 6 then 1 else 0 end', of: (r) => flag(r.nps !== null && r.nps <= 6) },
  {
    name: 'graded',
    sql: 'case when complaint_grade is not null then 1 else 0 end',
    of: (r) => flag(r.complaint_grade !== null),
  },
  {
    name: 'urgent',
    sql: "case when complaint_grade = 'urgent' then 1 else 0 end",
    of: (r) => flag(r.complaint_grade === 'urgent'),
  },
  {
    name: 'important',
    sql: "case when complaint_grade = 'important' then 1 else 0 end",
    of: (r) => flag(r.complaint_grade === 'important'),
  },
];

/** Per dimension: answers, their sum, and CSAT / NPS parts among those who rated it (for grouping by dimension). */
function dimensionColumns(c: DimensionColumn): SumColumn[] {
  const rated = (r: FeedbackFigureRow) => r.dims[c] !== null;
  return [
    { name: `${c}_n`, sql: `case when ${c} is not null then 1 else 0 end`, of: (r) => flag(rated(r)) },
    { name: `${c}_sum`, sql: `coalesce(${c}, 0)`, of: (r) => r.dims[c] ?? 0 },
    {
      name: `${c}_sat`,
      sql: `case when ${c} is not null and csat >= 4 then 1 else 0 end`,
      of: (r) => flag(rated(r) && r.csat >= 4),
    },
    {
      name: `${c}_npsn`,
      sql: `case when ${c} is not null and nps is not null then 1 else 0 end`,
      of: (r) => flag(rated(r) && r.nps !== null),
    },
    {
      name: `${c}_pro`,
      sql: `case when ${c} is not null and nps >= 9 then 1 else 0 end`,
      of: (r) => flag(rated(r) && r.nps !== null && r.nps >= 9),
    },
    {
      name: `${c}_det`,
      sql: `case when ${c} is not null and nps <= 6 then 1 else 0 end`,
      of: (r) => flag(rated(r) && r.nps !== null && r.nps <= 6),
    },
  ];
}

export const SUM_COLUMNS: readonly SumColumn[] = [...BASE, ...DIMENSION_COLUMNS.flatMap(dimensionColumns)];
export const SUM_COLUMN_NAMES = SUM_COLUMNS.map((c) => c.name);

/** The roll-up key: UTC day or month, team ('' none), agent ('' on team-level rows), tier ('' none), round. */
export const ROLLUP_KEY = ['org_id', 'grain', 'team_id', 'bucket', 'agent_id', 'tier_id', 'round'] as const;

/**
 * Grains: `day` / `month` per agent (for agent groupings and filters), `team_day` / `team_month` per team with
 * every agent summed (the smaller set most dashboards read).
 */
export const GRAINS = ['day', 'month', 'team_day', 'team_month'] as const;
export type Grain = (typeof GRAINS)[number];

/** Length of the bucket text: `YYYY-MM-DD` or `YYYY-MM` of the UTC instant. */
export const bucketLength = (grain: Grain) => (grain === 'day' || grain === 'team_day' ? 10 : 7);
export const isTeamGrain = (grain: Grain) => grain === 'team_day' || grain === 'team_month';
