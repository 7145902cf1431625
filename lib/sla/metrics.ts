import type { SlaMetric } from '../schema/sla';
import type { TicketStatus } from '../schema/ticket';
import { isSolved, type SlaTimeline, statusAt, statusSpans } from './timeline';

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
 * Status changes and public comments in one time order, up to the ticket's closing (closed is final: Zendesk never
 * reopens a closed ticket, a reply to one makes a follow-up ticket). At the same instant a comment comes first, as
 * in Zendesk's audits: a reply sent with "submit as solved" is a reply, then a solve; a customer's reply that
 * reopens a solved ticket is a comment, then the reopening.
 */
const eventsOf = new WeakMap<SlaTimeline, { comments: number; statuses: number; events: LifeEvent[] }>();
function lifeEvents(timeline: SlaTimeline): LifeEvent[] {
  // Every target of a policy walks the same events; a timeline that grew since (tests append) is walked afresh.
  const known = eventsOf.get(timeline);
  if (known && known.comments === timeline.comments.length && known.statuses === timeline.statuses.length)
    return known.events;
  const events: LifeEvent[] = [];
  const { statuses, comments } = timeline;
  let s = 0;
  let c = 0;
  while (s < statuses.length || c < comments.length) {
    const status = statuses[s];
    const comment = comments[c];
    if (comment && (!status || comment.at <= status.at)) {
      events.push({ at: comment.at, kind: 'comment', role: comment.role });
      c++;
    } else if (status) {
      events.push({ at: status.at, kind: 'status', status: status.status });
      s++;
      if (status.status === 'closed') break;
    }
  }
  eventsOf.set(timeline, { comments: timeline.comments.length, statuses: timeline.statuses.length, events });
  return events;
}

/** The timeline up to its closing: nothing after a ticket is closed moves its clocks. */
function untilClosed(timeline: SlaTimeline): SlaTimeline {
  const closing = timeline.statuses.findIndex((change) => change.status === 'closed');
  if (closing < 0) return timeline;
  const closedAt = (timeline.statuses[closing] as { at: number }).at;
  return {
    ...timeline,
    statuses: timeline.statuses.slice(0, closing + 1),
    comments: timeline.comments.filter((comment) => comment.at <= closedAt),
  };
}

/**
 * Whether first reply time applies: Zendesk activates it when an end user submits a request (a ticket with no
 * comment at its creation counts as one); a ticket an agent opened with a public comment of their own needs an
 * advanced setting DeskLens does not model.
 */
function openedByCustomer(timeline: SlaTimeline): boolean {
  if (timeline.openedBy) return timeline.openedBy === 'customer';
  const opening = timeline.comments.filter((comment) => comment.at <= timeline.createdAt);
  return opening.length === 0 || opening.some((comment) => comment.role === 'customer');
}

/**
 * Reply time, as Zendesk's `reply_time` metric: its first instance runs from creation to the first public agent
 * reply or the first solve, whichever comes first. After that, a public customer comment with no reply cycle
 * running starts a next-reply cycle, fulfilled by the next public agent comment or by a solve. (A customer comment
 * on a solved ticket is always a reopening in Zendesk; should the history not show one, the cycle waits, paused,
 * until the ticket is unsolved.)
 */
function replyStretches(timeline: SlaTimeline): { first?: Stretch; next: Stretch[] } {
  const first: Stretch | undefined = openedByCustomer(timeline) ? { start: timeline.createdAt } : undefined;
  let firstOwed = first !== undefined;
  const next: Stretch[] = [];
  let running: Stretch | undefined;
  let solved = false;
  for (const event of lifeEvents(timeline)) {
    const at = Math.max(event.at, timeline.createdAt);
    if (event.kind === 'status') {
      const nowSolved = isSolved(event.status);
      // A solve closes what is owed; so does closing a ticket (final), even one already solved.
      if (nowSolved && (!solved || event.status === 'closed')) {
        if (first && firstOwed) first.end = at;
        firstOwed = false;
        if (running) running.end = at;
        running = undefined;
      }
      solved = nowSolved;
    } else if (event.role === 'agent') {
      if (first && firstOwed) first.end = at;
      firstOwed = false;
      if (running) running.end = at;
      running = undefined;
    } else if (!firstOwed && !running) {
      running = { start: at };
      next.push(running);
    }
  }
  return { ...(first ? { first } : {}), next };
}

/**
 * Update cycles (periodic and pausable update): Zendesk activates one with each public agent reply and the next
 * reply fulfils it, as does a solve. Zendesk runs a ticket through its SLA system after each update as a whole, so
 * a reply sent with "submit as solved" fulfils the running cycle and activates none, and a reply that reopens a
 * solved ticket activates one. A reopen without a reply activates none: the next public reply does.
 */
function updateStretches(timeline: SlaTimeline): Stretch[] {
  const cycles: Stretch[] = [];
  let running: Stretch | undefined;
  let solved = false;
  const events = lifeEvents(timeline);
  for (let i = 0; i < events.length; ) {
    const at = Math.max((events[i] as LifeEvent).at, timeline.createdAt);
    let replied = false;
    // One instant is one update: its comments, then its status changes, then what is owed after it.
    for (; i < events.length && Math.max((events[i] as LifeEvent).at, timeline.createdAt) === at; i++) {
      const event = events[i] as LifeEvent;
      if (event.kind === 'comment') {
        if (event.role !== 'agent') continue;
        replied = true;
        if (running) running.end = at;
        running = undefined;
      } else {
        const nowSolved = isSolved(event.status);
        if (nowSolved && (!solved || event.status === 'closed') && running) {
          running.end = at;
          running = undefined;
        }
        solved = nowSolved;
      }
    }
    if (replied && !solved) {
      running = { start: at };
      cycles.push(running);
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

/**
 * A stretch as it stood at `now`: the clock ran while `counts` held the ticket's status, from `from` (the stretch's
 * start; the ticket's creation for the cumulative metrics) up to the stretch's end or `now`, whichever is first.
 * Paused means not fulfilled and in a status the metric does not count.
 */
function cycleOf(
  index: number,
  stretch: Stretch,
  now: number,
  timeline: SlaTimeline,
  counts: (status: TicketStatus) => boolean,
  from = stretch.start,
): MetricCycle {
  const ended = stretch.end !== undefined && stretch.end <= now;
  const stop = ended ? (stretch.end as number) : now;
  return {
    index,
    start: stretch.start,
    running: statusSpans(timeline, counts, from, stop),
    ...(ended ? { fulfilledAt: stop } : {}),
    paused: !ended && !counts(statusAt(timeline, now)),
  };
}

/**
 * A metric's stretches that started at or before `now`, with what its clock counts and from when: everything the
 * cycles are made of, cheap to find; a cycle's running spans are worked out only for the cycles asked for.
 */
function stretchesOf(
  metric: SlaMetric,
  timeline: SlaTimeline,
  now: number,
): { stretches: Stretch[]; counts: (status: TicketStatus) => boolean; cumulative: boolean } {
  const started = (stretch: Stretch) => stretch.start <= now;
  // Reply and update clocks run in every unsolved status (pausable update: not in pending); they end at a solve,
  // so only a cycle that began on a solved ticket ever waits on one.
  switch (metric) {
    case 'first_reply_time': {
      const { first } = replyStretches(timeline);
      return { stretches: first && started(first) ? [first] : [], counts: unsolved, cumulative: false };
    }
    case 'next_reply_time':
      return { stretches: replyStretches(timeline).next.filter(started), counts: unsolved, cumulative: false };
    case 'periodic_update_time':
      return { stretches: updateStretches(timeline).filter(started), counts: unsolved, cumulative: false };
    case 'pausable_update_time':
      return {
        stretches: updateStretches(timeline).filter(started),
        counts: (status) => notPending(status) && unsolved(status),
        cumulative: false,
      };
    case 'requester_wait_time':
    case 'agent_work_time':
    case 'resolution_time': {
      const stretches = unsolvedStretches(timeline).filter(started);
      const counts =
        metric === 'requester_wait_time' ? requesterWaiting : metric === 'agent_work_time' ? agentWorking : unsolved;
      // Solved from the start and never reopened: one cycle, fulfilled at creation with nothing counted.
      const none = { start: timeline.createdAt, end: timeline.createdAt };
      return { stretches: stretches.length > 0 ? stretches : [none], counts, cumulative: true };
    }
  }
}

/** Cycles at the given positions (0-based) of a metric's stretches, as they stood at `now`. */
function cyclesAt(
  metric: SlaMetric,
  timeline: SlaTimeline,
  now: number,
  pick: (stretches: Stretch[]) => number[],
): MetricCycle[] {
  const { stretches, counts, cumulative } = stretchesOf(metric, timeline, now);
  return pick(stretches).map((i) =>
    cycleOf(i + 1, stretches[i] as Stretch, now, timeline, counts, cumulative ? timeline.createdAt : undefined),
  );
}

/**
 * Every cycle of a metric that started at or before `now`, oldest first, each as it stood at `now`. Empty when
 * the metric has not been activated (next reply before a customer writes after the first reply, updates before
 * the first public agent reply, first reply on a ticket an agent opened).
 */
export function metricCycles(metric: SlaMetric, timeline: SlaTimeline, now: number): MetricCycle[] {
  return cyclesAt(metric, untilClosed(timeline), now, (stretches) => stretches.map((_, i) => i));
}

/** How many cycles of a metric have started by `now` (0: not activated). */
export function cycleCount(metric: SlaMetric, timeline: SlaTimeline, now: number): number {
  return stretchesOf(metric, untilClosed(timeline), now).stretches.length;
}

/**
 * The current (or last) cycle of a metric at `now` and the last one before it that ran (not one activated and
 * fulfilled in the same instant): what the clock shows, and the outcome it reports for the cycle before.
 */
export function currentAndPrevious(
  metric: SlaMetric,
  timeline: SlaTimeline,
  now: number,
): { current?: MetricCycle; previous?: MetricCycle } {
  let hasPrevious = false;
  const [current, previous] = cyclesAt(metric, untilClosed(timeline), now, (stretches) => {
    if (stretches.length === 0) return [];
    const last = stretches.length - 1;
    for (let i = last - 1; i >= 0; i--) {
      const stretch = stretches[i] as Stretch;
      if (stretch.end !== undefined && stretch.end > stretch.start) {
        hasPrevious = true;
        return [last, i];
      }
    }
    return [last];
  });
  return { current, ...(hasPrevious ? { previous } : {}) };
}
