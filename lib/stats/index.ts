import type { SatisfactionDimension } from '../schema/events';
import type { Figure } from '../schema/stats';

/**
 * Satisfaction and service math, by the industry definitions in PRODUCT.md. Every figure carries its count
 * `n`; with no answers the value is null, never 0 (an empty team is not a failing team).
 */

/** CSAT = answers of 4 or 5 on the 1–5 scale ÷ all answers × 100. */
export function csat(scores: number[]): Figure {
  const n = scores.length;
  if (n === 0) return { value: null, n };
  return { value: (100 * scores.filter((s) => s >= 4).length) / n, n };
}

/** NPS = % promoters (9–10) − % detractors (0–6), passives (7–8) counted in the total; −100…+100. */
export function nps(scores: number[]): Figure {
  const n = scores.length;
  if (n === 0) return { value: null, n };
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return { value: (100 * (promoters - detractors)) / n, n };
}

export function mean(values: number[]): Figure {
  const n = values.length;
  return { value: n === 0 ? null : values.reduce((a, b) => a + b, 0) / n, n };
}

/** Linear-interpolated percentile (the same as PostgreSQL's percentile_cont), p in [0, 1]. */
export function percentile(values: number[], p: number): Figure {
  const n = values.length;
  if (n === 0) return { value: null, n };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (n - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return { value: low + (high - low) * (rank - lower), n };
}

export const median = (values: number[]) => percentile(values, 0.5);

/** Average score per dimension, each with its own n (customers may skip dimensions). */
export function dimensionAverages(answers: Partial<Record<SatisfactionDimension, number>>[]): Record<string, Figure> {
  const byDimension = new Map<string, number[]>();
  for (const answer of answers) {
    for (const [dimension, score] of Object.entries(answer)) {
      if (typeof score !== 'number') continue;
      const list = byDimension.get(dimension) ?? [];
      list.push(score);
      byDimension.set(dimension, list);
    }
  }
  return Object.fromEntries([...byDimension].map(([dimension, scores]) => [dimension, mean(scores)]));
}

/** The weakest dimension, to call out ("after-sales support 2.8 / 5"); needs at least `minN` answers. */
export function weakestDimension(
  averages: Record<string, Figure>,
  minN = 5,
): { dimension: string; figure: Figure } | undefined {
  let weakest: { dimension: string; figure: Figure } | undefined;
  for (const [dimension, figure] of Object.entries(averages)) {
    if (figure.value === null || figure.n < minN) continue;
    if (!weakest || figure.value < (weakest.figure.value ?? Number.POSITIVE_INFINITY)) weakest = { dimension, figure };
  }
  return weakest;
}

/** Share of SLA targets met: fulfilled or still running without breach count as met. */
export function slaAttainment(outcomes: { breached: boolean }[]): Figure {
  const n = outcomes.length;
  return { value: n === 0 ? null : (100 * outcomes.filter((o) => !o.breached).length) / n, n };
}

/** ISO week key (YYYY-Www) and day key (YYYY-MM-DD) of an instant, in UTC. */
export function periodKey(instant: string | number, period: 'day' | 'week'): string {
  const date = new Date(instant);
  if (period === 'day') return date.toISOString().slice(0, 10);
  // ISO weeks belong to the year of their Thursday; week 1 holds that year's first Thursday.
  const thursday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)),
  );
  const dayOfYear = (thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000;
  return `${thursday.getUTCFullYear()}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

export interface FeedbackRecord {
  agentId: string;
  teamId?: string | null;
  tierId?: string | null;
  csat: number;
  nps?: number | null;
  dimensions?: Partial<Record<SatisfactionDimension, number>> | null;
  occurredAt: string;
}

export interface GroupFigures {
  key: string;
  csat: Figure;
  nps: Figure;
  dimensions: Record<string, Figure>;
}

export type GroupBy = 'agent' | 'team' | 'tier' | 'day' | 'week';

interface Groupable {
  agentId: string;
  teamId?: string | null;
  tierId?: string | null;
  occurredAt: string;
}

/** Records by group key, keys in order (agents, teams and tiers by id; periods chronologically). */
function groupBy<R extends Groupable>(records: R[], by: GroupBy): [string, R[]][] {
  const groups = new Map<string, R[]>();
  for (const record of records) {
    const key =
      by === 'agent'
        ? record.agentId
        : by === 'team'
          ? (record.teamId ?? '(none)')
          : by === 'tier'
            ? (record.tierId ?? '(none)')
            : periodKey(record.occurredAt, by);
    const list = groups.get(key) ?? [];
    list.push(record);
    groups.set(key, list);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** CSAT, NPS and dimension averages per agent / team / tier / day / week. */
export function groupStats(records: FeedbackRecord[], by: GroupBy): GroupFigures[] {
  return groupBy(records, by).map(([key, list]) => ({
    key,
    csat: csat(list.map((r) => r.csat)),
    nps: nps(list.flatMap((r) => (typeof r.nps === 'number' ? [r.nps] : []))),
    dimensions: dimensionAverages(list.flatMap((r) => (r.dimensions ? [r.dimensions] : []))),
  }));
}

/** One ticket's service outcome: when it started, how long the first reply took, which SLA targets it breached. */
export interface ServiceRecord {
  agentId: string;
  teamId?: string | null;
  tierId?: string | null;
  occurredAt: string;
  /** Ms from creation to the first public agent reply; absent while unanswered. */
  firstReplyMs?: number | null;
  /** One entry per SLA target that ended (fulfilled, or breached) on the ticket. */
  slaOutcomes?: { breached: boolean }[];
}

export interface ServiceFigures {
  key: string;
  /** Share of ended SLA targets not breached, in %; n = targets. */
  slaAttainment: Figure;
  /** First-reply time in ms; n = answered tickets. */
  firstReplyMedian: Figure;
  firstReplyP90: Figure;
}

/** SLA attainment and first-reply median / p90 per agent / team / tier / day / week. */
export function groupServiceStats(records: ServiceRecord[], by: GroupBy): ServiceFigures[] {
  return groupBy(records, by).map(([key, list]) => {
    const replies = list.flatMap((r) => (typeof r.firstReplyMs === 'number' ? [r.firstReplyMs] : []));
    return {
      key,
      slaAttainment: slaAttainment(list.flatMap((r) => r.slaOutcomes ?? [])),
      firstReplyMedian: median(replies),
      firstReplyP90: percentile(replies, 0.9),
    };
  });
}
