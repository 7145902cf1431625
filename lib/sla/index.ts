import type { BusinessCalendar, GradingKeywords, SlaPolicy, SlaThresholds } from '../schema/sla';
import type { TicketContext } from '../schema/ticket';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICIES } from './defaults';
import { evaluatePolicy, METRIC_LABELS, type SlaMetricResult } from './evaluate';
import { gradeComplaint } from './grading';
import { matchPolicy } from './policies';
import { timelineFromTicket } from './timeline';

export { addBusinessMs, businessMsBetween, isWorkingTime } from './calendar';
export { DEFAULT_CALENDAR, DEFAULT_SLA_POLICIES } from './defaults';
export {
  DEFAULT_THRESHOLDS,
  evaluatePolicy,
  levelFor,
  METRIC_LABELS,
  type SlaLevel,
  type SlaMetricResult,
} from './evaluate';
export { DEFAULT_GRADING_KEYWORDS, gradeComplaint } from './grading';
export { matchPolicy, type PolicyFacts } from './policies';
export { type SlaTimeline, timelineFromTicket } from './timeline';

export interface SlaForTicketOptions {
  ticket: Pick<
    TicketContext,
    | 'createdAt'
    | 'status'
    | 'statusHistory'
    | 'comments'
    | 'priority'
    | 'channel'
    | 'tags'
    | 'group'
    | 'latestCustomerMessage'
    | 'subject'
  >;
  tier?: string;
  policies?: SlaPolicy[];
  calendars?: BusinessCalendar[];
  grading?: GradingKeywords;
  thresholds?: SlaThresholds;
  now: number;
}

/** Grade the ticket, pick its policy (first match), and evaluate every metric that policy sets. */
export function evaluateSla(options: SlaForTicketOptions): {
  policyId?: string;
  grade: ReturnType<typeof gradeComplaint>;
  metrics: SlaMetricResult[];
} {
  const { ticket, now } = options;
  const grade = gradeComplaint(
    [ticket.subject, ticket.latestCustomerMessage].filter(Boolean).join('\n'),
    options.grading,
  );
  const timeline = timelineFromTicket(ticket);
  const policy = matchPolicy(options.policies ?? DEFAULT_SLA_POLICIES, {
    tier: options.tier,
    priority: ticket.priority,
    channel: ticket.channel,
    tags: ticket.tags,
    group: ticket.group,
    grade: grade.grade,
  });
  if (!timeline || !policy) return { policyId: policy?.id, grade, metrics: [] };
  const calendars = options.calendars ?? [DEFAULT_CALENDAR];
  const calendar = calendars.find((c) => c.id === policy.calendarId) ?? calendars[0];
  return {
    policyId: policy.id,
    grade,
    metrics: evaluatePolicy({
      timeline,
      policy,
      priority: ticket.priority,
      calendar,
      now,
      thresholds: options.thresholds,
    }),
  };
}

/** An SLA target as the helpdesk itself reports it (Zendesk policy metric, Salesforce case milestone). */
export interface HelpdeskTarget {
  metric: string;
  /** When the target runs out. */
  breachAt?: string;
  /** Zendesk `stage` (active/paused/achieved) or derived from a milestone's completion. */
  stage: 'active' | 'paused' | 'achieved';
  completedAt?: string;
  violated?: boolean;
}

/**
 * Show the helpdesk's own SLA (Zendesk `slas.policy_metrics`, Salesforce `CaseMilestone`) in the same shape,
 * for orgs that have not defined DeskLens policies. Those targets are calendar instants, so time left is
 * calendar time here.
 */
export function fromHelpdeskTargets(
  targets: HelpdeskTarget[],
  now: number,
  thresholds?: SlaThresholds,
): SlaMetricResult[] {
  return targets.map((target) => {
    const breachAt = target.breachAt ? Date.parse(target.breachAt) : undefined;
    const completedAt = target.completedAt ? Date.parse(target.completedAt) : undefined;
    const msLeft =
      breachAt === undefined
        ? 0
        : (completedAt ?? now) > breachAt
          ? -((completedAt ?? now) - breachAt)
          : breachAt - (completedAt ?? now);
    const state = target.stage === 'achieved' ? 'fulfilled' : target.stage;
    const breached = Boolean(target.violated) || (breachAt !== undefined && msLeft < 0);
    const known =
      target.metric in METRIC_LABELS
        ? METRIC_LABELS[target.metric as keyof typeof METRIC_LABELS]
        : { en: target.metric, zh_CN: target.metric };
    // The helpdesk does not give the original target length; the warning band uses 15 minutes only.
    const level = breached
      ? 'breached'
      : state === 'fulfilled'
        ? 'ok'
        : msLeft <= (thresholds?.urgentMinutes ?? 15) * 60_000
          ? 'urgent'
          : 'ok';
    return {
      metric: target.metric as SlaMetricResult['metric'],
      label: known,
      state,
      breached,
      deadline: breachAt === undefined ? undefined : new Date(breachAt).toISOString(),
      businessHours: false,
      msLeft,
      targetMs: 0,
      level,
      policyId: 'helpdesk',
    } satisfies SlaMetricResult;
  });
}
