import { type SalesforceCaseMilestone, SlaMetric, type SlaThresholds, type ZendeskPolicyMetric } from '../schema/sla';
import type { HelpdeskSlaTarget } from '../schema/ticket';
import { DEFAULT_THRESHOLDS, levelFor, METRIC_LABELS, type SlaMetricResult } from './evaluate';
import { salesforceTargets, zendeskTargets } from './targets';

/** An SLA target as the helpdesk itself reports it (lib/schema/ticket.ts). */
export type HelpdeskTarget = HelpdeskSlaTarget;

/**
 * Show the helpdesk's own SLA in the same shape as DeskLens policies, for orgs that have not defined their own.
 * Those targets are calendar instants, so time left is calendar time here. `metric` is the helpdesk's name
 * when it is not one of DeskLens's metrics (a Salesforce milestone type such as "First Response").
 */
export function fromHelpdeskTargets(
  targets: HelpdeskTarget[],
  now: number,
  thresholds: SlaThresholds = DEFAULT_THRESHOLDS,
): SlaMetricResult[] {
  return targets.map((target) => {
    const breachAt = target.breachAt ? Date.parse(target.breachAt) : undefined;
    const completedAt = target.completedAt ? Date.parse(target.completedAt) : undefined;
    const stoppedAt = completedAt ?? now;
    const msLeft = breachAt === undefined ? 0 : breachAt - stoppedAt;
    const state = target.stage === 'achieved' ? 'fulfilled' : target.stage;
    const breached = Boolean(target.violated) || (breachAt !== undefined && msLeft < 0);
    const known = SlaMetric.safeParse(target.metric);
    const targetMs = target.targetMs ?? 0;
    // A paused target with no breach instant has no countdown to warn about.
    const level = breached
      ? 'breached'
      : state === 'fulfilled' || breachAt === undefined
        ? 'ok'
        : targetMs > 0
          ? levelFor(msLeft, targetMs, thresholds)
          : msLeft <= thresholds.urgentMinutes * 60_000
            ? 'urgent'
            : 'ok';
    return {
      // why: helpdesk-only names (Salesforce milestone types) are shown as they are; see the doc comment.
      metric: target.metric as SlaMetric,
      label: known.success ? METRIC_LABELS[known.data] : { en: target.metric, zh_CN: target.metric },
      state,
      breached,
      deadline: breachAt === undefined ? undefined : new Date(breachAt).toISOString(),
      businessHours: false,
      msLeft,
      targetMs,
      level,
      policyId: 'helpdesk',
    } satisfies SlaMetricResult;
  });
}

/** Zendesk's own SLA for a ticket (`ticket.slas.policy_metrics[]`); see `zendeskTargets`. */
export function fromZendeskSlas(
  policyMetrics: ZendeskPolicyMetric[],
  now: number,
  thresholds?: SlaThresholds,
): SlaMetricResult[] {
  return fromHelpdeskTargets(zendeskTargets(policyMetrics), now, thresholds);
}

/**
 * Salesforce case milestones. Following Salesforce: violated when not completed and now is past the target
 * date, or completed after it; `IsViolated` from Salesforce is trusted as well.
 */
export function fromSalesforceMilestones(
  milestones: SalesforceCaseMilestone[],
  now: number,
  thresholds?: SlaThresholds,
): SlaMetricResult[] {
  return fromHelpdeskTargets(salesforceTargets(milestones), now, thresholds);
}
