import type { BusinessCalendar, SlaMetric, SlaPolicy, SlaThresholds } from '../schema/sla';
import type { TicketPriority } from '../schema/ticket';
import { addBusinessMs, businessMsWithin } from './calendar';
import { currentCycle, type MetricCycle } from './metrics';
import type { SlaTimeline } from './timeline';

export type SlaLevel = 'ok' | 'warn' | 'urgent' | 'breached';

export interface SlaMetricResult {
  metric: SlaMetric;
  label: { en: string; zh_CN: string };
  state: 'active' | 'paused' | 'fulfilled';
  breached: boolean;
  /** When the target runs out (or ran out), as an absolute instant; absent while paused and not yet breached. */
  deadline?: string;
  businessHours: boolean;
  /** Time left at `now` in the target's own terms (business ms for business-hours targets); negative once breached. */
  msLeft: number;
  targetMs: number;
  level: SlaLevel;
  policyId: string;
}

export const METRIC_LABELS: Record<SlaMetric, { en: string; zh_CN: string }> = {
  first_reply_time: { en: 'First reply', zh_CN: '首次回复' },
  next_reply_time: { en: 'Next reply', zh_CN: '下次回复' },
  periodic_update_time: { en: 'Periodic update', zh_CN: '定期更新' },
  pausable_update_time: { en: 'Pausable update', zh_CN: '可暂停更新' },
  requester_wait_time: { en: 'Requester wait', zh_CN: '客户等待时间' },
  agent_work_time: { en: 'Agent work', zh_CN: '坐席处理时间' },
  resolution_time: { en: 'Resolution', zh_CN: '完全解决' },
};

export const DEFAULT_THRESHOLDS: SlaThresholds = { warnFraction: 0.25, urgentMinutes: 15 };

export interface EvaluateOptions {
  timeline: SlaTimeline;
  policy: SlaPolicy;
  priority?: TicketPriority;
  calendar?: BusinessCalendar;
  now: number;
  thresholds?: SlaThresholds;
}

/**
 * Milliseconds the clock ran within the cycle, in calendar or business terms, and the instant the target
 * was used up, if it was.
 */
function consumed(
  cycle: MetricCycle,
  calendar: BusinessCalendar | undefined,
  targetMs: number,
): { total: number; reachedAt?: number } {
  if (calendar) return businessMsWithin(calendar, cycle.running, targetMs);
  let total = 0;
  let reachedAt: number | undefined;
  for (const [from, to] of cycle.running) {
    if (reachedAt === undefined && total + (to - from) >= targetMs) reachedAt = from + (targetMs - total);
    total += to - from;
  }
  return { total, reachedAt };
}

export function levelFor(msLeft: number, targetMs: number, thresholds: SlaThresholds = DEFAULT_THRESHOLDS): SlaLevel {
  if (msLeft <= 0) return 'breached';
  if (msLeft <= thresholds.urgentMinutes * 60_000) return 'urgent';
  if (msLeft <= thresholds.warnFraction * targetMs) return 'warn';
  return 'ok';
}

/**
 * Every metric the policy sets for the ticket's priority, at `now`. Pure and deterministic: the same inputs
 * give the same deadlines, so a tab that slept shows the right time the moment it wakes.
 */
export function evaluatePolicy(options: EvaluateOptions): SlaMetricResult[] {
  const { timeline, policy, now } = options;
  const priority = options.priority ?? 'normal';
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const targets = policy.targets.filter((target) => target.priority === priority);
  const results: SlaMetricResult[] = [];
  for (const target of targets) {
    const cycle = currentCycle(target.metric, timeline, now);
    if (!cycle) continue;
    const calendar = target.businessHours ? options.calendar : undefined;
    if (target.businessHours && !calendar) continue; // a business-hours target cannot be counted without a calendar
    const targetMs = target.targetMinutes * 60_000;
    const used = consumed(cycle, calendar, targetMs);
    const msLeft = targetMs - used.total;
    const state = cycle.fulfilledAt !== undefined ? 'fulfilled' : cycle.paused ? 'paused' : 'active';
    let deadline: number | undefined;
    if (msLeft <= 0) deadline = used.reachedAt;
    else if (state === 'active') deadline = calendar ? addBusinessMs(calendar, now, msLeft) : now + msLeft;
    const breached = msLeft < 0 || (msLeft === 0 && state !== 'fulfilled');
    results.push({
      metric: target.metric,
      label: METRIC_LABELS[target.metric],
      state,
      breached,
      deadline: deadline === undefined ? undefined : new Date(deadline).toISOString(),
      businessHours: target.businessHours,
      msLeft,
      targetMs,
      level: state === 'fulfilled' ? (breached ? 'breached' : 'ok') : levelFor(msLeft, targetMs, thresholds),
      policyId: policy.id,
    });
  }
  return results;
}
