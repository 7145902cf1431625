import { type SalesforceCaseMilestone, SlaMetric, type SlaThresholds, type ZendeskPolicyMetric } from '../schema/sla';
import type { HelpdeskSlaTarget } from '../schema/ticket';
import { DEFAULT_THRESHOLDS, levelFor, METRIC_LABELS, type SlaMetricResult } from './evaluate';
import { salesforceTargets, zendeskTargets } from './targets';

/** An SLA target as the helpdesk itself reports it (lib/schema/ticket.ts). */
export type HelpdeskTarget = HelpdeskSlaTarget;

function measured(target: HelpdeskTarget, now: number, thresholds: SlaThresholds) {
  const breachAt = target.breachAt ? Date.parse(target.breachAt) : undefined;
  const completedAt = target.completedAt ? Date.parse(target.completedAt) : undefined;
  const stoppedAt = completedAt ?? now;
  const msLeft = breachAt === undefined ? 0 : breachAt - stoppedAt;
  const state = target.stage === 'achieved' ? 'fulfilled' : target.stage;
  const breached = Boolean(target.violated) || (breachAt !== undefined && msLeft < 0);
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
  return { breachAt, completedAt, msLeft, state, breached, targetMs, level } as const;
}

/**
 * The occurrence an agent has to act on: of the open ones, the one due first (occurrences of an independently
 * recurring milestone can stack up); when none is open, the latest.
 */
function current(occurrences: HelpdeskTarget[]): HelpdeskTarget {
  const open = occurrences
    .filter((target) => target.stage !== 'achieved')
    .sort((a, b) => Date.parse(a.breachAt ?? '') - Date.parse(b.breachAt ?? ''));
  return open[0] ?? (occurrences[occurrences.length - 1] as HelpdeskTarget);
}

/**
 * Show the helpdesk's own SLA in the same shape as DeskLens policies, for orgs that have not defined their own:
 * one clock per target, its current occurrence. Those targets are calendar instants, so time left is calendar
 * time here. `metric` is the helpdesk's name when it is not one of DeskLens's metrics (a Salesforce milestone
 * type such as "First Response"). `cycleOf` numbers occurrences the helpdesk does not number itself (Zendesk
 * shows only the current one; DeskLens counts its cycles from the ticket's timeline).
 */
export function fromHelpdeskTargets(
  targets: HelpdeskTarget[],
  now: number,
  thresholds: SlaThresholds = DEFAULT_THRESHOLDS,
  cycleOf: (metric: SlaMetric) => number | undefined = () => undefined,
): SlaMetricResult[] {
  const byMetric = new Map<string, HelpdeskTarget[]>();
  for (const target of targets) byMetric.set(target.metric, [...(byMetric.get(target.metric) ?? []), target]);
  return [...byMetric.entries()].map(([metric, occurrences]) => {
    const ordered = [...occurrences].sort((a, b) => (a.cycle ?? 1) - (b.cycle ?? 1));
    const shown = current(ordered);
    const figures = measured(shown, now, thresholds);
    const known = SlaMetric.safeParse(metric);
    const cycle = shown.cycle ?? (known.success ? cycleOf(known.data) : undefined) ?? 1;
    const before = ordered.filter((target) => target.stage === 'achieved' && (target.cycle ?? 1) < cycle).pop();
    const previous = before ? measured(before, now, thresholds) : undefined;
    return {
      // why: helpdesk-only names (Salesforce milestone types) are shown as they are; see the doc comment.
      metric: metric as SlaMetric,
      label: known.success ? METRIC_LABELS[known.data] : { en: metric, zh_CN: metric },
      state: figures.state,
      breached: figures.breached,
      deadline: figures.breachAt === undefined ? undefined : new Date(figures.breachAt).toISOString(),
      businessHours: false,
      msLeft: figures.msLeft,
      targetMs: figures.targetMs,
      level: figures.level,
      policyId: 'helpdesk',
      cycle,
      // The helpdesk's instants are calendar time.
      ticking: figures.state === 'active',
      ...(before && previous && previous.completedAt !== undefined
        ? {
            previous: {
              cycle: before.cycle ?? 1,
              breached: previous.breached,
              msLeft: previous.msLeft,
              fulfilledAt: new Date(previous.completedAt).toISOString(),
              ...(previous.breachAt !== undefined ? { deadline: new Date(previous.breachAt).toISOString() } : {}),
            },
          }
        : {}),
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
 * date, or completed after it; `IsViolated` from Salesforce is trusted as well. Each milestone type shows its
 * current occurrence (see `salesforceTargets`).
 */
export function fromSalesforceMilestones(
  milestones: SalesforceCaseMilestone[],
  now: number,
  thresholds?: SlaThresholds,
): SlaMetricResult[] {
  return fromHelpdeskTargets(salesforceTargets(milestones), now, thresholds);
}
