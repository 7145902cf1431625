import type { BusinessCalendar, SlaMetric, SlaPolicy, SlaThresholds } from '../schema/sla';
import type { TicketPriority } from '../schema/ticket';
import { addBusinessMs, businessMsWithin, isWorkingTime } from './calendar';
import { currentAndPrevious, type MetricCycle } from './metrics';
import type { SlaTimeline } from './timeline';

export type SlaLevel = 'ok' | 'warn' | 'urgent' | 'breached';

export interface SlaMetricResult {
  metric: SlaMetric;
  label: { en: string; zh_CN: string; zh_TW?: string };
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
  /**
   * Which cycle of the metric this is, from 1: next-reply and update cycles restart with each exchange; the
   * cumulative metrics (requester wait, agent work, resolution) start one more each time the ticket is reopened.
   */
  cycle: number;
  /** How the cycle before this one ended, so an outcome is not lost when the next cycle starts quickly. */
  previous?: SlaCycleOutcome;
  /** Whether the time left is running down at the evaluation instant (false while paused or outside business hours). */
  ticking: boolean;
  /**
   * A cycle activated and fulfilled in the same instant (a reply sent with "submit as solved" activates the next
   * update and the solve fulfils it): shown as Zendesk shows it, but not an outcome of its own.
   */
  zeroLength?: true;
}

/** An ended cycle: met or late, how long it ran in the target's own terms, when its target ran out if it did. */
export interface SlaCycleOutcome {
  cycle: number;
  breached: boolean;
  msLeft: number;
  fulfilledAt: string;
  deadline?: string;
}

export const METRIC_LABELS: Record<SlaMetric, { en: string; zh_CN: string; zh_TW: string }> = {
  first_reply_time: { en: 'First reply', zh_CN: '首次回复', zh_TW: '首次回覆' },
  next_reply_time: { en: 'Next reply', zh_CN: '下次回复', zh_TW: '下次回覆' },
  periodic_update_time: { en: 'Periodic update', zh_CN: '定期更新', zh_TW: '定期更新' },
  pausable_update_time: { en: 'Pausable update', zh_CN: '可暂停更新', zh_TW: '可暫停更新' },
  requester_wait_time: { en: 'Requester wait', zh_CN: '客户等待时间', zh_TW: '客戶等待時間' },
  agent_work_time: { en: 'Agent work', zh_CN: '坐席处理时间', zh_TW: '客服處理時間' },
  resolution_time: { en: 'Resolution', zh_CN: '完全解决', zh_TW: '完全解決' },
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
 * Every metric the policy sets for the ticket's priority, at `now` (a metric listed twice: the first target).
 * Pure and deterministic: the same inputs give the same deadlines, so a tab that slept shows the right time the
 * moment it wakes.
 */
export function evaluatePolicy(options: EvaluateOptions): SlaMetricResult[] {
  const { timeline, policy, now } = options;
  const priority = options.priority ?? 'normal';
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const results: SlaMetricResult[] = [];
  const seen = new Set<SlaMetric>();
  for (const target of policy.targets) {
    if (target.priority !== priority || seen.has(target.metric)) continue;
    seen.add(target.metric);
    const calendar = target.businessHours ? options.calendar : undefined;
    if (target.businessHours && !calendar) continue; // a business-hours target cannot be counted without a calendar
    const { current: cycle, previous: before } = currentAndPrevious(target.metric, timeline, now);
    if (!cycle) continue;
    const targetMs = target.targetMinutes * 60_000;
    const current = measure(cycle, calendar, targetMs, now);
    const previous = before ? measure(before, calendar, targetMs, now) : undefined;
    results.push({
      metric: target.metric,
      label: METRIC_LABELS[target.metric],
      state: current.state,
      breached: current.breached,
      deadline: current.deadline,
      businessHours: target.businessHours,
      msLeft: current.msLeft,
      targetMs,
      level: current.breached
        ? 'breached'
        : current.state === 'fulfilled'
          ? 'ok'
          : current.msLeft <= 0
            ? 'urgent'
            : levelFor(current.msLeft, targetMs, thresholds),
      policyId: policy.id,
      cycle: cycle.index,
      ticking: current.state === 'active' && (!calendar || isWorkingTime(calendar, now)),
      ...(cycle.fulfilledAt === cycle.start ? { zeroLength: true } : {}),
      ...(previous && before?.fulfilledAt !== undefined
        ? {
            previous: {
              cycle: before.index,
              breached: previous.breached,
              msLeft: previous.msLeft,
              fulfilledAt: new Date(before.fulfilledAt).toISOString(),
              ...(previous.deadline ? { deadline: previous.deadline } : {}),
            },
          }
        : {}),
    });
  }
  return results;
}

/**
 * When the target was breached: the first instant at or after it was used up at which the clock was running. A
 * target used up exactly as it paused is breached only when it runs again; one used up exactly when it was
 * fulfilled (or at `now`) is not breached.
 */
function breachInstant(cycle: MetricCycle, reachedAt: number | undefined): number | undefined {
  if (reachedAt === undefined) return undefined;
  for (const [from, to] of cycle.running) if (to > reachedAt) return Math.max(from, reachedAt);
  return undefined;
}

/** A cycle against its target at `now`: state, time left, breached, and the deadline an agent should see. */
function measure(cycle: MetricCycle, calendar: BusinessCalendar | undefined, targetMs: number, now: number) {
  const used = consumed(cycle, calendar, targetMs);
  const msLeft = targetMs - used.total;
  const state: SlaMetricResult['state'] =
    cycle.fulfilledAt !== undefined ? 'fulfilled' : cycle.paused ? 'paused' : 'active';
  // The running spans stop at the fulfilment or at `now`, so a breach found in them happened before either.
  const breachedAt = breachInstant(cycle, used.reachedAt);
  const breached = breachedAt !== undefined;
  let deadline: number | undefined;
  if (breached) deadline = breachedAt;
  else if (state === 'active') deadline = calendar ? addBusinessMs(calendar, now, Math.max(0, msLeft)) : now + msLeft;
  return { state, msLeft, breached, deadline: deadline === undefined ? undefined : new Date(deadline).toISOString() };
}
