import type { PublicComment, StatusChange, TicketStatus } from '../schema/ticket';

const solved = (status: TicketStatus) => status === 'solved' || status === 'closed';

/**
 * The statuses a helpdesk page showed for each ticket while it was open in front of the agent, so the SLA clocks
 * know when a ticket was solved and reopened even where the helpdesk's own history is not at hand (or not yet
 * refreshed). Lives as long as the page; content-script side, no zod.
 */
export function createStatusWatch(now: () => number = Date.now) {
  const seen = new Map<string, { status: TicketStatus; at: number }[]>();
  return {
    /** Note the status the page shows for a ticket now (a no-op when unchanged). */
    observe(ticketId: string, status: TicketStatus | undefined): void {
      if (!status) return;
      const list = seen.get(ticketId) ?? [];
      if (list[list.length - 1]?.status === status) return;
      list.push({ status, at: now() });
      seen.set(ticketId, list.slice(-500));
    },
    /**
     * The ticket's status history: the helpdesk's own (`known`, read at `knownAt`), followed by the changes the
     * page showed after that; without the helpdesk's, the status first seen stands from creation. A reopen the
     * page showed is dated by the customer's comment that reopened it, when there is one: the page may show it
     * only when the agent comes back to the tab. Undefined when nothing is known beyond the current status.
     */
    history(
      ticketId: string,
      ticket: { createdAt?: string; comments?: PublicComment[] },
      known?: { changes: StatusChange[]; knownAt: number },
    ): StatusChange[] | undefined {
      const observed = seen.get(ticketId) ?? [];
      const merged: { status: TicketStatus; at: number; observed: boolean }[] = [];
      if (known && known.changes.length > 0) {
        for (const change of known.changes)
          merged.push({ status: change.status, at: Date.parse(change.at), observed: false });
        for (const change of observed) {
          if (change.at <= known.knownAt) continue;
          if (merged[merged.length - 1]?.status !== change.status) merged.push({ ...change, observed: true });
        }
      } else {
        const [first, ...changes] = observed;
        if (!first || changes.length === 0) return undefined;
        const since = ticket.createdAt ? Date.parse(ticket.createdAt) : first.at;
        merged.push({ status: first.status, at: Math.min(since, first.at), observed: false });
        for (const change of changes) merged.push({ ...change, observed: true });
      }
      const customerComments = (ticket.comments ?? [])
        .filter((comment) => comment.authorRole === 'customer')
        .map((comment) => Date.parse(comment.at));
      for (let i = 1; i < merged.length; i++) {
        const change = merged[i] as (typeof merged)[number];
        const before = merged[i - 1] as (typeof merged)[number];
        if (!change.observed || !solved(before.status) || solved(change.status)) continue;
        const reply = customerComments.find((at) => at > before.at && at < change.at);
        if (reply !== undefined) change.at = reply;
      }
      return merged.map(({ status, at }) => ({ status, at: new Date(at).toISOString() }));
    },
  };
}
