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

/** Salesforce `CaseMilestone` rows; `IsViolated` is trusted as Salesforce computed it. */
export function salesforceTargets(milestones: SalesforceMilestoneInput[]): HelpdeskSlaTarget[] {
  return milestones.map((milestone) => {
    const completed = Boolean(milestone.CompletionDate) || milestone.IsCompleted === true;
    return {
      metric: milestone.name,
      ...(milestone.TargetDate ? { breachAt: milestone.TargetDate } : {}),
      stage: completed ? 'achieved' : 'active',
      ...(milestone.CompletionDate ? { completedAt: milestone.CompletionDate } : {}),
      ...(milestone.IsViolated === true ? { violated: true } : {}),
      ...(milestone.TargetResponseInMins ? { targetMs: Math.round(milestone.TargetResponseInMins * 60_000) } : {}),
    };
  });
}
