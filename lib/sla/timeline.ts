import type { TicketContext, TicketStatus } from '../schema/ticket';

/** What the SLA clocks need from a ticket: when it was created, its status over time, who replied when. */
export interface SlaTimeline {
  createdAt: number;
  /** Status changes in time order; the first entry is the status at creation. */
  statuses: { status: TicketStatus; at: number }[];
  /** Public comments in time order. */
  comments: { role: 'customer' | 'agent'; at: number }[];
  /** Who opened the ticket, when known (otherwise told by the public comments at its creation). */
  openedBy?: 'customer' | 'agent';
}

/**
 * Build the timeline from a TicketContext. When the helpdesk gave no status history, the current status is
 * assumed since creation (a 'new' status at creation otherwise).
 */
export function timelineFromTicket(
  ticket: Pick<TicketContext, 'createdAt' | 'status' | 'statusHistory' | 'comments'> &
    Partial<Pick<TicketContext, 'openedBy'>>,
): SlaTimeline | undefined {
  const comments = ticket.comments
    .map((comment) => ({ role: comment.authorRole, at: Date.parse(comment.at) }))
    .sort((a, b) => a.at - b.at);
  const createdAt = ticket.createdAt ? Date.parse(ticket.createdAt) : comments[0]?.at;
  if (createdAt === undefined || Number.isNaN(createdAt)) return undefined;
  const history = ticket.statusHistory
    .map((change) => ({ status: change.status, at: Date.parse(change.at) }))
    .sort((a, b) => a.at - b.at);
  const statuses =
    history.length > 0 && history[0] && history[0].at <= createdAt
      ? history
      : [
          { status: ticket.status && history.length === 0 ? ticket.status : ('new' as const), at: createdAt },
          ...history,
        ];
  return { createdAt, statuses, comments, ...(ticket.openedBy ? { openedBy: ticket.openedBy } : {}) };
}

/** Spans [from, to) during which the ticket's status satisfies `counts`, clipped to [start, end). */
export function statusSpans(
  timeline: SlaTimeline,
  counts: (status: TicketStatus) => boolean,
  start: number,
  end: number,
): [number, number][] {
  const spans: [number, number][] = [];
  const { statuses } = timeline;
  for (let i = 0; i < statuses.length; i++) {
    const current = statuses[i];
    if (!current || !counts(current.status)) continue;
    const from = Math.max(current.at, start);
    const to = Math.min(statuses[i + 1]?.at ?? Number.POSITIVE_INFINITY, end);
    if (to > from) spans.push([from, to]);
  }
  return spans;
}

/** Solved and closed both stop the clocks; a customer's reply to a solved ticket reopens it (closed is final). */
export function isSolved(status: TicketStatus): boolean {
  return status === 'solved' || status === 'closed';
}

/** The ticket's status at `instant` (changes at that very instant applied). */
export function statusAt(timeline: SlaTimeline, instant: number): TicketStatus {
  let status: TicketStatus = timeline.statuses[0]?.status ?? 'new';
  for (const change of timeline.statuses) {
    if (change.at > instant) break;
    status = change.status;
  }
  return status;
}
