import type { SlaMetric } from '../schema/sla';
import type { TicketStatus } from '../schema/ticket';
import { type SlaTimeline, solvedAt, statusSpans } from './timeline';

/**
 * One measurement cycle of a metric, in Zendesk's terms: the clock runs over `running` spans (pauses are
 * the gaps between them) from `start`; it is fulfilled at `fulfilledAt`, or still open.
 */
export interface MetricCycle {
  start: number;
  running: [number, number][];
  fulfilledAt?: number;
  /** True when, at the evaluation instant, the clock is stopped but the cycle is not fulfilled. */
  paused: boolean;
}

const countsAlways = () => true;
const requesterWaiting = (status: TicketStatus) => status === 'new' || status === 'open' || status === 'hold';
const agentWorking = (status: TicketStatus) => status === 'new' || status === 'open';
const notPending = (status: TicketStatus) => status !== 'pending';

function cycle(
  timeline: SlaTimeline,
  start: number,
  end: number | undefined,
  now: number,
  counts: (s: TicketStatus) => boolean,
): MetricCycle {
  const stop = Math.min(end ?? now, now);
  const running = statusSpans(timeline, counts, start, stop);
  const last = running[running.length - 1];
  const paused = end === undefined && (!last || last[1] < stop);
  return { start, running, fulfilledAt: end !== undefined && end <= now ? end : undefined, paused };
}

const agentComments = (t: SlaTimeline, now: number) => t.comments.filter((c) => c.role === 'agent' && c.at <= now);

/**
 * The current (or last) cycle of a metric at `now`, or undefined when the metric does not apply yet
 * (e.g. next reply before the first reply) or no longer (solved).
 */
export function currentCycle(metric: SlaMetric, timeline: SlaTimeline, now: number): MetricCycle | undefined {
  const solved = solvedAt(timeline);
  const solvedBefore = solved !== undefined && solved <= now ? solved : undefined;
  switch (metric) {
    case 'first_reply_time': {
      const firstReply = agentComments(timeline, now)[0]?.at;
      return cycle(timeline, timeline.createdAt, firstReply ?? solvedBefore, now, countsAlways);
    }
    case 'next_reply_time': {
      const firstReply = agentComments(timeline, now)[0]?.at;
      if (firstReply === undefined) return undefined;
      // Each cycle runs from the oldest customer comment no agent has answered yet to the next agent reply.
      let openSince: number | undefined;
      let last: { start: number; end: number } | undefined;
      for (const comment of timeline.comments) {
        if (comment.at <= firstReply || comment.at > now) continue;
        if (comment.role === 'customer') openSince ??= comment.at;
        else if (openSince !== undefined) {
          last = { start: openSince, end: comment.at };
          openSince = undefined;
        }
      }
      if (openSince !== undefined) return cycle(timeline, openSince, solvedBefore, now, countsAlways);
      return last ? cycle(timeline, last.start, last.end, now, countsAlways) : undefined;
    }
    case 'periodic_update_time':
    case 'pausable_update_time': {
      const replies = agentComments(timeline, now);
      const last = replies[replies.length - 1];
      if (!last || solvedBefore !== undefined) return undefined;
      return cycle(timeline, last.at, undefined, now, metric === 'pausable_update_time' ? notPending : countsAlways);
    }
    case 'requester_wait_time':
      return cycle(timeline, timeline.createdAt, solvedBefore, now, requesterWaiting);
    case 'agent_work_time':
      return cycle(timeline, timeline.createdAt, solvedBefore, now, agentWorking);
    case 'resolution_time':
      return cycle(timeline, timeline.createdAt, solvedBefore, now, countsAlways);
  }
}
