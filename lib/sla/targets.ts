import type { HelpdeskSlaTarget } from '../schema/ticket';

/**
 * The helpdesks' own SLA records mapped onto one shape. Types only from the schemas: adapters in the host page
 * use these, and content scripts stay free of zod (lib/messaging.ts); the background validates the result.
 */
export interface ZendeskPolicyMetricInput {
  metric: string;
  stage?: string | null;
  breach_at?: string | null;
}

export interface SalesforceMilestoneInput {
  name: string;
  StartDate?: string | null;
  TargetDate?: string | null;
  CompletionDate?: string | null;
  IsCompleted?: boolean;
  IsViolated?: boolean;
  TargetResponseInMins?: number | null;
}

/**
 * Zendesk's `ticket.slas.policy_metrics[]`: stage "achieved" (or "fulfilled") is achieved, "paused" paused,
 * anything else active. Zendesk does not say when an achieved target was met, so its breach instant stands in
 * (otherwise "now" would misreport it as late).
 */
export function zendeskTargets(policyMetrics: ZendeskPolicyMetricInput[]): HelpdeskSlaTarget[] {
  return policyMetrics.map((entry) => {
    const stage = (entry.stage ?? '').toLowerCase();
    const achieved = stage === 'achieved' || stage === 'fulfilled';
    return {
      metric: entry.metric,
      ...(entry.breach_at ? { breachAt: entry.breach_at } : {}),
      stage: achieved ? 'achieved' : stage === 'paused' ? 'paused' : 'active',
      ...(achieved && entry.breach_at ? { completedAt: entry.breach_at } : {}),
    };
  });
}

/**
 * Salesforce `CaseMilestone` rows; `IsViolated` is trusted as Salesforce computed it. A milestone type that recurs
 * (recurrence type Independent or Sequential) has one row per occurrence, e.g. a new "Response" each time a
 * reopened case meets the milestone's criteria again: rows of the same type are numbered by when they started.
 */
export function salesforceTargets(milestones: SalesforceMilestoneInput[]): HelpdeskSlaTarget[] {
  const startOf = (milestone: SalesforceMilestoneInput) =>
    Date.parse(milestone.StartDate ?? milestone.TargetDate ?? '') || 0;
  const seen = new Map<string, number>();
  const numbered = milestones
    .map((milestone, order) => ({ milestone, order }))
    .sort((a, b) => startOf(a.milestone) - startOf(b.milestone) || a.order - b.order)
    .map(({ milestone, order }) => {
      const cycle = (seen.get(milestone.name) ?? 0) + 1;
      seen.set(milestone.name, cycle);
      return { milestone, order, cycle };
    });
  return numbered
    .sort((a, b) => a.order - b.order)
    .map(({ milestone, cycle }) => {
      const completed = Boolean(milestone.CompletionDate) || milestone.IsCompleted === true;
      return {
        metric: milestone.name,
        ...(milestone.TargetDate ? { breachAt: milestone.TargetDate } : {}),
        stage: completed ? 'achieved' : 'active',
        ...(milestone.CompletionDate ? { completedAt: milestone.CompletionDate } : {}),
        ...(milestone.IsViolated === true ? { violated: true } : {}),
        ...(milestone.TargetResponseInMins ? { targetMs: Math.round(milestone.TargetResponseInMins * 60_000) } : {}),
        cycle,
      };
    });
}
