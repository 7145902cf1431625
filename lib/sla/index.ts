import type { BusinessCalendar, GradingKeywords, SlaPolicy, SlaThresholds } from '../schema/sla';
import type { TicketContext } from '../schema/ticket';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICIES } from './defaults';
import { evaluatePolicy, type SlaMetricResult } from './evaluate';
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
  type SlaCycleOutcome,
  type SlaLevel,
  type SlaMetricResult,
} from './evaluate';
export { DEFAULT_GRADING_KEYWORDS, gradeComplaint } from './grading';
export { fromHelpdeskTargets, fromSalesforceMilestones, fromZendeskSlas, type HelpdeskTarget } from './helpdesk';
export { cycleCount, type MetricCycle, metricCycles } from './metrics';
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
  > &
    Partial<Pick<TicketContext, 'openedBy'>>;
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
