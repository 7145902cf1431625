/**
 * Independent reference model of Zendesk's SLA metrics, for checking DeskLens's own SLA engine.
 *
 * Method: a minute-by-minute simulation. Every minute from ticket creation to `now` is visited in turn; the events of
 * that minute are applied to an explicit state machine per metric, and then the minute is counted towards every
 * running target (towards a business-hours target only if it is a working minute of the calendar). The deadline of a
 * running target is found by walking on past `now` with nothing else happening. No interval arithmetic, on purpose.
 *
 * Every rule, with its source, is in README.md next to this file. Written without reading lib/sla.
 */
import type { BusinessCalendar, SlaMetric, SlaPolicy } from '../../lib/schema/sla';
import { MINUTE_MS, WorkingMinutes } from './calendar';

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface ReferenceInput {
  createdAt: string;
  priority?: Priority;
  comments: { authorRole: 'customer' | 'agent'; public: boolean; at: string }[];
  statusHistory: { status: TicketStatus; at: string }[];
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  now: string;
}

export interface ReferenceMetric {
  metric: SlaMetric;
  state: 'active' | 'paused' | 'fulfilled';
  breached: boolean;
  deadline?: string;
  remainingMinutes: number;
}

/** Metric order of the output (the order of SlaMetric in lib/schema/sla.ts). */
const METRIC_ORDER: readonly SlaMetric[] = [
  'first_reply_time',
  'next_reply_time',
  'periodic_update_time',
  'pausable_update_time',
  'requester_wait_time',
  'agent_work_time',
  'resolution_time',
];

/** In which ticket statuses each metric's clock runs; in any other unsolved status it is paused (README §3). */
const RUNS_IN: Record<SlaMetric, readonly TicketStatus[]> = {
  first_reply_time: ['new', 'open', 'pending', 'hold'],
  next_reply_time: ['new', 'open', 'pending', 'hold'],
  periodic_update_time: ['new', 'open', 'pending', 'hold'],
  pausable_update_time: ['new', 'open', 'hold'],
  requester_wait_time: ['new', 'open', 'hold'],
  agent_work_time: ['new', 'open'],
  resolution_time: ['new', 'open', 'pending', 'hold'],
};

/** Metrics whose one target lives across the whole ticket: fulfilled at solve, resumed (same target) on reopen. */
const RESUMING: readonly SlaMetric[] = ['requester_wait_time', 'agent_work_time', 'resolution_time'];

const isDone = (status: TicketStatus) => status === 'solved' || status === 'closed';

/** One target instance (Zendesk's `instance_id`): a clock with its own elapsed minutes and breach. */
interface Target {
  phase: 'running' | 'paused' | 'fulfilled';
  /** Minutes counted so far (business minutes for a business-hours target). */
  elapsed: number;
  /** The epoch minute at which the target breached, once it has. */
  breachedAt?: number;
}

/** A metric with a target in the policy, and its latest target instance (undefined: never activated). */
interface Track {
  metric: SlaMetric;
  targetMinutes: number;
  businessHours: boolean;
  latest?: Target;
}

type TicketEvent =
  | { kind: 'comment'; ms: number; order: number; authorRole: 'customer' | 'agent'; public: boolean }
  | { kind: 'status'; ms: number; order: number; status: TicketStatus };

function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${text}`);
  return ms;
}

const toEpochMinute = (ms: number) => Math.floor(ms / MINUTE_MS);
const isoOfMinute = (epochMinute: number) => new Date(epochMinute * MINUTE_MS).toISOString();

/** Longest walk past `now` when looking for a deadline (a calendar that almost never works). */
const PROJECTION_LIMIT_MINUTES = 25 * 366 * 24 * 60;

export function simulateSla(input: ReferenceInput): ReferenceMetric[] {
  const createdMs = parseInstant(input.createdAt);
  const nowMs = parseInstant(input.now);
  const createdMinute = toEpochMinute(createdMs);
  const nowMinute = toEpochMinute(nowMs);
  const priority: Priority = input.priority ?? 'normal';
  const working = new WorkingMinutes(input.calendar);

  // The targets the policy sets at this priority; the first one wins if a metric is listed twice.
  const tracks = new Map<SlaMetric, Track>();
  for (const target of input.policy.targets) {
    if (target.priority !== priority || tracks.has(target.metric)) continue;
    tracks.set(target.metric, {
      metric: target.metric,
      targetMinutes: target.targetMinutes,
      businessHours: target.businessHours ?? false,
    });
  }

  // Events in time order; an event before creation happens at creation; at the same instant comments come before
  // status changes (a reply sent together with "submit as pending/solved" is a reply made before the status change).
  const events: TicketEvent[] = [
    ...input.comments.map(
      (c, i): TicketEvent => ({
        kind: 'comment',
        ms: Math.max(parseInstant(c.at), createdMs),
        order: i,
        authorRole: c.authorRole,
        public: c.public,
      }),
    ),
    ...input.statusHistory.map(
      (s, i): TicketEvent => ({
        kind: 'status',
        ms: Math.max(parseInstant(s.at), createdMs),
        order: i,
        status: s.status,
      }),
    ),
  ]
    .filter((e) => e.ms <= nowMs)
    .sort((a, b) => a.ms - b.ms || (a.kind === b.kind ? 0 : a.kind === 'comment' ? -1 : 1) || a.order - b.order);

  let status: TicketStatus = 'new';

  const phaseFor = (metric: SlaMetric): Target['phase'] => (RUNS_IN[metric].includes(status) ? 'running' : 'paused');
  const isOpen = (t: Target | undefined) => t !== undefined && t.phase !== 'fulfilled';
  const activate = (metric: SlaMetric) => {
    const track = tracks.get(metric);
    if (track) track.latest = { phase: phaseFor(metric), elapsed: 0 };
  };
  const fulfil = (metric: SlaMetric) => {
    const latest = tracks.get(metric)?.latest;
    if (latest && latest.phase !== 'fulfilled') latest.phase = 'fulfilled';
  };

  // Ticket creation (README §2). First reply time is activated only when an end user opened the ticket: a ticket whose
  // opening comments (at the creation instant) are all by agents does not activate it.
  const openingComments = input.comments.filter((c) => parseInstant(c.at) <= createdMs);
  const openedByAgent = openingComments.length > 0 && openingComments.every((c) => c.authorRole === 'agent');
  if (!openedByAgent) activate('first_reply_time');
  for (const metric of RESUMING) activate(metric);

  // Reply-time and update tracks exist even without a target, because whether a customer comment starts a next-reply
  // cycle depends on whether a reply is still owed (first reply pending counts as owed).
  const replyOwed = { first: !openedByAgent, next: false };

  const applyComment = (e: Extract<TicketEvent, { kind: 'comment' }>) => {
    if (!e.public || status === 'closed') return; // internal notes never start or stop anything (README §4)
    if (e.authorRole === 'customer') {
      if (!replyOwed.first && !replyOwed.next) {
        replyOwed.next = true;
        activate('next_reply_time');
      }
      return;
    }
    // A public agent comment answers whatever reply is owed...
    if (replyOwed.first) {
      replyOwed.first = false;
      fulfil('first_reply_time');
    }
    if (replyOwed.next) {
      replyOwed.next = false;
      fulfil('next_reply_time');
    }
    // ...fulfils the running update targets and starts the next ones (not on a solved ticket).
    for (const metric of ['periodic_update_time', 'pausable_update_time'] as const) {
      fulfil(metric);
      if (!isDone(status)) activate(metric);
    }
  };

  const applyStatus = (next: TicketStatus) => {
    if (status === 'closed' || next === status) return; // closed is final (README §5)
    const was = status;
    status = next;
    if (isDone(next)) {
      // Solving (or closing) closes every open target; a reply still owed is no longer owed.
      replyOwed.first = false;
      replyOwed.next = false;
      for (const track of tracks.values()) if (isOpen(track.latest)) fulfil(track.metric);
      return;
    }
    for (const track of tracks.values()) {
      const latest = track.latest;
      if (!latest) continue;
      if (latest.phase !== 'fulfilled') latest.phase = phaseFor(track.metric);
      else if (isDone(was) && !isDone(next) && RESUMING.includes(track.metric)) latest.phase = phaseFor(track.metric);
    }
  };

  const apply = (e: TicketEvent) => (e.kind === 'comment' ? applyComment(e) : applyStatus(e.status));

  const counts = (track: Track, minute: number) => !track.businessHours || working.isWorking(minute);

  // The walk: minute by minute from creation up to (not including) the minute `now` falls in.
  let next = 0;
  for (let minute = createdMinute; minute < nowMinute; minute++) {
    while (next < events.length && toEpochMinute((events[next] as TicketEvent).ms) === minute) {
      apply(events[next] as TicketEvent);
      next++;
    }
    for (const track of tracks.values()) {
      const latest = track.latest;
      if (latest?.phase !== 'running') continue;
      // Breach: the clock is still running at a moment when the whole target has already been used (README §6).
      if (latest.breachedAt === undefined && latest.elapsed >= track.targetMinutes) latest.breachedAt = minute;
      if (counts(track, minute)) latest.elapsed++;
    }
  }
  // Events of the minute `now` falls in, up to `now` itself.
  for (; next < events.length; next++) apply(events[next] as TicketEvent);

  const result: ReferenceMetric[] = [];
  for (const metric of METRIC_ORDER) {
    const track = tracks.get(metric);
    const latest = track?.latest;
    if (!track || !latest) continue; // never activated: no target instance to report (README §7)
    const breached = latest.breachedAt !== undefined;
    let deadlineMinute: number | undefined = latest.breachedAt;
    if (!breached && latest.phase === 'running') {
      // Walk on past `now`, nothing else happening, until the target is used up.
      let elapsed = latest.elapsed;
      for (let minute = nowMinute; minute < nowMinute + PROJECTION_LIMIT_MINUTES; minute++) {
        if (elapsed >= track.targetMinutes) {
          deadlineMinute = minute;
          break;
        }
        if (track.businessHours && working.neverWorks) break;
        if (counts(track, minute)) elapsed++;
      }
    }
    result.push({
      metric,
      state: latest.phase === 'running' ? 'active' : latest.phase,
      breached,
      ...(deadlineMinute === undefined ? {} : { deadline: isoOfMinute(deadlineMinute) }),
      remainingMinutes: track.targetMinutes - latest.elapsed,
    });
  }
  return result;
}
