import type { Kysely } from 'kysely';
import type { AlertMetric } from '../../lib/schema/alerts';
import type { SlaMetric } from '../../lib/schema/sla';
import type { Figure, StatsQuery } from '../../lib/schema/stats';
import type { Database } from '../db/schema';
import { satisfactionStats } from '../stats/stats.satisfaction';
import type { StatsScope } from '../stats/stats.scope';
import { serviceStats } from '../stats/stats.service';

/** Whose figures one reading covers (the stats scope: an organisation, then teams, one agent, one tier). */
export type MetricSubject = StatsScope;

const SATISFACTION_METRICS = new Set<AlertMetric>(['csat', 'nps', 'complaint_rate']);
export const isSatisfactionMetric = (metric: AlertMetric) => SATISFACTION_METRICS.has(metric);

function statsQuery(from: Date, to: Date, groupBy: StatsQuery['groupBy']): StatsQuery {
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    groupBy,
    round: 'initial',
    tz: 'UTC',
    format: 'json',
    bom: false,
  };
}

const minutes = (figure: Figure): Figure => ({
  value: figure.value === null ? null : figure.value / 60_000,
  n: figure.n,
});

/**
 * One metric for one subject over [from, to), read through the stats engine the dashboards use, so an alert and
 * the chart beside it always agree. Reply times come back in minutes.
 */
export async function readMetric(
  db: Kysely<Database>,
  subject: MetricSubject,
  metric: AlertMetric,
  slaMetric: SlaMetric | null,
  from: Date,
  to: Date,
): Promise<Figure> {
  if (isSatisfactionMetric(metric)) {
    const stats = await satisfactionStats(db, subject, statsQuery(from, to, 'none'));
    if (metric === 'csat') return stats.total.csat;
    if (metric === 'nps') return stats.total.nps;
    return stats.total.complaints.rate;
  }
  if (metric === 'sla_attainment' && slaMetric) {
    const stats = await serviceStats(db, subject, statsQuery(from, to, 'metric'));
    const group = stats.groups.find((g) => g.key === slaMetric);
    return group?.slaAttainment ?? { value: null, n: 0 };
  }
  const stats = await serviceStats(db, subject, statsQuery(from, to, 'none'));
  if (metric === 'sla_attainment') return stats.total.slaAttainment;
  return minutes(metric === 'first_reply_median' ? stats.total.firstReplyMedianMs : stats.total.firstReplyP90Ms);
}

const LABEL: Record<AlertMetric, string> = {
  csat: 'CSAT',
  nps: 'NPS',
  complaint_rate: 'Complaint rate',
  sla_attainment: 'SLA attainment',
  first_reply_median: 'Median first reply',
  first_reply_p90: 'First reply p90',
};

/** A figure as a person reads it: "81.2%", "NPS 34", "18.5 min". */
export function describeFigure(metric: AlertMetric, slaMetric: SlaMetric | null, figure: Figure): string {
  const label = metric === 'sla_attainment' && slaMetric ? `SLA attainment (${slaMetric})` : LABEL[metric];
  if (figure.value === null) return `${label} — (n ${figure.n})`;
  const value = figure.value.toFixed(1);
  const unit = metric === 'nps' ? '' : metric.startsWith('first_reply') ? ' min' : '%';
  return `${label} ${value}${unit} (n ${figure.n})`;
}
