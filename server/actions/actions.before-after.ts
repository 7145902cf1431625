import type { Kysely } from 'kysely';
import type { BeforeAfter } from '../../lib/schema/actions';
import type { AlertMetric } from '../../lib/schema/alerts';
import type { Figure } from '../../lib/schema/stats';
import { isSatisfactionMetric, type MetricSubject, readMetric } from '../alerts/alerts.metrics';
import type { Database, FeedbackTable, ImprovementActionsTable } from '../db/schema';

const DAY_MS = 86_400_000;

export function subjectOfAction(
  row: Pick<ImprovementActionsTable, 'org_id' | 'scope_type' | 'scope_id'>,
): MetricSubject {
  return {
    orgId: row.org_id,
    teamIds: row.scope_type === 'team' ? [row.scope_id ?? ''] : null,
    agentId: row.scope_type === 'agent' ? row.scope_id : null,
    tierId: row.scope_type === 'tier' ? row.scope_id : null,
  };
}

type Score = Pick<FeedbackTable, 'csat' | 'nps' | 'complaint_grade'>;

/** The satisfaction metric over a handful of scores, defined as the stats engine defines it. */
function figureOf(metric: AlertMetric, scores: Score[]): Figure {
  if (metric === 'csat') {
    const n = scores.length;
    return { value: n ? (100 * scores.filter((s) => s.csat >= 4).length) / n : null, n };
  }
  if (metric === 'nps') {
    const answers = scores.filter((s) => s.nps !== null).map((s) => Number(s.nps));
    const n = answers.length;
    const promoters = answers.filter((v) => v >= 9).length;
    const detractors = answers.filter((v) => v <= 6).length;
    return { value: n ? (100 * (promoters - detractors)) / n : null, n };
  }
  const graded = scores.filter((s) => s.complaint_grade !== null);
  const complaints = graded.filter((s) => s.complaint_grade === 'urgent' || s.complaint_grade === 'important');
  return { value: graded.length ? (100 * complaints.length) / graded.length : null, n: graded.length };
}

const difference = (before: Figure, after: Figure) =>
  before.value === null || after.value === null ? null : after.value - before.value;

/**
 * Customers scored on both sides of the pivot, and the metric over only their scores on each side: "go back to the
 * same customers and compare". Customers are known by their CRM id, else their email.
 */
async function sameCustomers(
  db: Kysely<Database>,
  subject: MetricSubject,
  metric: AlertMetric,
  from: Date,
  pivot: Date,
  to: Date,
): Promise<NonNullable<BeforeAfter['sameCustomers']>> {
  let query = db
    .selectFrom('feedback')
    .select(['customer_id', 'customer_email', 'csat', 'nps', 'complaint_grade', 'occurred_at'])
    .where('org_id', '=', subject.orgId)
    .where('is_current', '=', 1)
    .where('round', '=', 'initial')
    .where('occurred_at', '>=', from.toISOString())
    .where('occurred_at', '<', to.toISOString())
    .where((eb) => eb.or([eb('customer_id', 'is not', null), eb('customer_email', 'is not', null)]));
  if (subject.teamIds) query = query.where('team_id', 'in', subject.teamIds);
  if (subject.agentId) query = query.where('agent_id', '=', subject.agentId);
  if (subject.tierId) query = query.where('tier_id', '=', subject.tierId);
  const rows = await query.execute();
  const split = pivot.toISOString();
  const before = new Map<string, Score[]>();
  const after = new Map<string, Score[]>();
  for (const row of rows) {
    const customer = row.customer_id ? `id:${row.customer_id}` : `email:${String(row.customer_email).toLowerCase()}`;
    const side = row.occurred_at < split ? before : after;
    side.set(customer, [...(side.get(customer) ?? []), row]);
  }
  const both = [...before.keys()].filter((customer) => after.has(customer));
  const pick = (side: Map<string, Score[]>) => both.flatMap((customer) => side.get(customer) ?? []);
  const beforeFigure = figureOf(metric, pick(before));
  const afterFigure = figureOf(metric, pick(after));
  return {
    customers: both.length,
    before: beforeFigure,
    after: afterFigure,
    change: difference(beforeFigure, afterFigure),
  };
}

/**
 * The action's metric for its scope over the `windowDays` before its date (the actual date, else the planned
 * one) and the same length after, through the stats engine; for satisfaction metrics also over the same customers.
 */
export async function beforeAfter(
  db: Kysely<Database>,
  row: ImprovementActionsTable,
  windowDays: number,
  now = new Date(),
): Promise<BeforeAfter> {
  const metric = row.metric as AlertMetric;
  const pivotDate = row.actual_date ?? row.planned_date;
  if (!pivotDate)
    return {
      metric,
      pivot: null,
      windowDays,
      before: null,
      after: null,
      afterComplete: false,
      change: null,
      sameCustomers: null,
    };
  const pivot = new Date(`${pivotDate}T00:00:00.000Z`);
  const span = windowDays * DAY_MS;
  const from = new Date(pivot.getTime() - span);
  const to = new Date(pivot.getTime() + span);
  const subject = subjectOfAction(row);
  const [beforeFigure, afterFigure] = await Promise.all([
    readMetric(db, subject, metric, null, from, pivot),
    readMetric(db, subject, metric, null, pivot, to),
  ]);
  return {
    metric,
    pivot: pivot.toISOString(),
    windowDays,
    before: { from: from.toISOString(), to: pivot.toISOString(), figure: beforeFigure },
    after: { from: pivot.toISOString(), to: to.toISOString(), figure: afterFigure },
    afterComplete: now >= to,
    change: difference(beforeFigure, afterFigure),
    sameCustomers: isSatisfactionMetric(metric) ? await sameCustomers(db, subject, metric, from, pivot, to) : null,
  };
}
