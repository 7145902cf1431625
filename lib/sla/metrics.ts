import type { SlaMetric } from '../schema/sla';
import type { TicketStatus } from '../schema/ticket';
import { isSolved, type SlaTimeline, statusSpans } from './timeline';

/**
 * One measurement cycle of a metric, in Zendesk's terms: the clock runs over `running` spans (pauses are the
 * gaps between them); it is fulfilled at `fulfilledAt`, or still open. Cycles are numbered from 1 in the order
 * they started; a metric that accumulates over the ticket's whole life (requester wait, agent work, resolution)
 * starts a cycle each time the ticket is (re)opened, and its `running` spans reach back to the ticket's creation.
 * The rules and their sources are in docs/admin/tiers-and-sla.md ("Over a ticket's whole life").
 */
export interface MetricCycle {
  index: number;
  start: number;
  running: [number, number][];
  fulfilledAt?: number;
  /** True when, at the evaluation instant, the clock is stopped but the cycle is not fulfilled. */
  paused: boolean;
}

const requesterWaiting = (status: TicketStatus) => status === 'new' || status === 'open' || status === 'hold';
const agentWorking = (status: TicketStatus) => status === 'new' || status === 'open';
const unsolved = (status: TicketStatus) => !isSolved(status);
const notPending = (status: TicketStatus) => status !== 'pending';

/** A stretch of the ticket's life, ended once `end` is set. */
interface Stretch {
  start: number;
  end?: number;
}

type LifeEvent =
  | { at: number; kind: 'status'; status: TicketStatus }
  | { at: number; kind: 'comment'; role: 'customer' | 'agent' };

/**
 * Status changes and public comments in one time order. At the same instant a status change comes first: a
 * customer's reply that reopens a solved ticket is an open ticket's comment, and a reply sent with "submit as
 * solved" is answered by that same solve.
 */
function lifeEvents(timeline: SlaTimeline): LifeEvent[] {
  const events: LifeEvent[] = [];
  const { statuses, comments } = timeline;
  let s = 0;
  let c = 0;
  while (s < statuses.length || c < comments.length) {
    const status = statuses[s];
    const comment = comments[c];
    if (status && (!comment || status.at <= comment.at)) {
      events.push({ at: status.at, kind: 'status', status: status.status });
      s++;
    } else if (comment) {
      events.push({ at: comment.at, kind: 'comment', role: comment.role });
      c++;
    }
  }
  return events;
}

/**
 * Reply time, as Zendesk's `reply_time` metric: its first instance runs from creation to the first public agent
 * comment (the ticket's own description, written at creation, is not a reply) or the first solve, whichever
 * comes first. After that, each public customer comment on an unsolved ticket with no reply cycle running starts
 * a next-reply cycle, fulfilled by the next public agent comment or by a solve.
 */
function replyStretches(timeline: SlaTimeline): { first: Stretch; next: Stretch[] } {
  const first: Stretch = { start: timeline.createdAt };
  const next: Stretch[] = [];
  let running: Stretch | undefined;
  let solved = false;
  for (const event of lifeEvents(timeline)) {
    if (event.kind === 'status') {
      const nowSolved = isSolved(event.status);
      if (nowSolved && !solved) {
        first.end ??= Math.max(event.at, timeline.createdAt);
        if (running) running.end = event.at;
        running = undefined;
      }
      solved = nowSolved;
    } else if (event.role === 'agent') {
      if (event.at <= timeline.createdAt) continue;
      if (first.end === undefined) first.end = event.at;
      else if (running) {
        running.end = event.at;
        running = undefined;
      }
    } else if (first.end !== undefined && !solved && !running) {
      running = { start: event.at };
      next.push(running);
    }
  }
  return { first, next };
}

/**
 * Update cycles (periodic and pausable update): a cycle starts at each public agent comment on an unsolved
 * ticket and ends at the next one or at a solve. Reopening a ticket that has had an update starts a fresh cycle
 * from the reopening: the customer is owed the next update from then, not from before the solve.
 */
function updateStretches(timeline: SlaTimeline): Stretch[] {
  const cycles: Stretch[] = [];
  let running: Stretch | undefined;
  let solved = false;
  let updatedBefore = false;
  const begin = (at: number) => {
    if (running?.start === at) return; // one cycle per instant: a reopen sent with a reply starts only one
    if (running) running.end = at;
    running = { start: at };
    cycles.push(running);
  };
  for (const event of lifeEvents(timeline)) {
    if (event.kind === 'status') {
      const nowSolved = isSolved(event.status);
      if (nowSolved && !solved && running) {
        running.end = event.at;
        running = undefined;
      } else if (!nowSolved && solved && updatedBefore) begin(event.at);
      solved = nowSolved;
    } else if (event.role === 'agent') {
      updatedBefore = true;
      if (!solved) begin(Math.max(event.at, timeline.createdAt));
    }
  }
  return cycles;
}

/** The stretches in which the ticket is not solved: the first from creation, one more after each reopen. */
function unsolvedStretches(timeline: SlaTimeline): Stretch[] {
  const stretches: Stretch[] = [];
  let running: Stretch | undefined;
  for (const change of timeline.statuses) {
    const at = Math.max(change.at, timeline.createdAt);
    if (isSolved(change.status)) {
      if (running) running.end = at;
      running = undefined;
    } else if (!running) {
      running = { start: at };
      stretches.push(running);
    }
  }
  return stretches;
}

/** Clip a stretch to `now`: the clock ran over `running` up to its end or `now`, whichever is first. */
function cycleOf(
  index: number,
  stretch: Stretch,
  now: number,
  running: (stop: number) => [number, number][],
): MetricCycle {
  const ended = stretch.end !== undefined && stretch.end <= now;
  const stop = ended ? (stretch.end as number) : now;
  const spans = running(stop);
  const last = spans[spans.length - 1];
  return {
    index,
    start: stretch.start,
    running: spans,
    ...(ended ? { fulfilledAt: stop } : {}),
    paused: !ended && (!last || last[1] < stop),
  };
}

const always =
  (start: number) =>
  (stop: number): [number, number][] =>
    stop > start ? [[start, stop]] : [];

function cumulativeCycles(
  timeline: SlaTimeline,
  now: number,
  counts: (status: TicketStatus) => boolean,
): MetricCycle[] {
  const from = timeline.createdAt;
  const stretches = unsolvedStretches(timeline).filter((stretch) => stretch.start <= now);
  // Solved from the start and never reopened: nothing ever counted, and the target is met.
  if (stretches.length === 0) return [{ index: 1, start: from, running: [], fulfilledAt: from, paused: false }];
  return stretches.map((stretch, i) =>
    cycleOf(i + 1, stretch, now, (stop) => statusSpans(timeline, counts, from, stop)),
  );
}

/**
 * Every cycle of a metric that started at or before `now`, oldest first, each as it stood at `now`. Empty when
 * the metric has not started (next reply before the first reply, updates before the first agent comment).
 */
export function metricCycles(metric: SlaMetric, timeline: SlaTimeline, now: number): MetricCycle[] {
  switch (metric) {
    case 'first_reply_time': {
      const { first } = replyStretches(timeline);
      return first.start <= now ? [cycleOf(1, first, now, always(first.start))] : [];
    }
    case 'next_reply_time':
      return replyStretches(timeline)
        .next.filter((stretch) => stretch.start <= now)
        .map((stretch, i) => cycleOf(i + 1, stretch, now, always(stretch.start)));
    case 'periodic_update_time':
    case 'pausable_update_time': {
      const pausable = metric === 'pausable_update_time';
      return updateStretches(timeline)
        .filter((stretch) => stretch.start <= now)
        .map((stretch, i) =>
          cycleOf(i + 1, stretch, now, (stop) =>
            pausable ? statusSpans(timeline, notPending, stretch.start, stop) : always(stretch.start)(stop),
          ),
        );
    }
    case 'requester_wait_time':
      return cumulativeCycles(timeline, now, requesterWaiting);
    case 'agent_work_time':
      return cumulativeCycles(timeline, now, agentWorking);
    case 'resolution_time':
      return cumulativeCycles(timeline, now, unsolved);
  }
}

/** The current (or last) cycle of a metric at `now`, or undefined when the metric has not started. */
export function currentCycle(metric: SlaMetric, timeline: SlaTimeline, now: number): MetricCycle | undefined {
  const cycles = metricCycles(metric, timeline, now);
  return cycles[cycles.length - 1];
}
