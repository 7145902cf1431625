import { v5 as uuidv5 } from 'uuid';
import type { Insights } from '../messaging';
import { DeskLensEvent, type SlaEvent } from '../schema/events';
import type { TicketContext } from '../schema/ticket';
import type { DeskLensDatabase, OutboxRow } from './db';

/** Namespace for SLA outcome ids (fixed forever: ids must come out the same in every browser). */
const SLA_OUTCOME_NAMESPACE = '6f1c8f0e-3b7a-5c2d-9e41-0a8d2b7c5e13';
const REPORTED_KEY = 'slaOutcomesReported';
/** Outcomes remembered as reported, newest kept; older ones are long settled (the server dedups anyway). */
const REMEMBERED = 2000;

/**
 * What a ticket's clocks say happened: a target fulfilled (met or late) or breached while still running. The id
 * is derived from the helpdesk host, ticket, metric and outcome, so every browser that sees the same outcome
 * sends the same event and the server stores it once, whichever agent had the ticket open.
 */
export function slaOutcomes(ticket: TicketContext, clocks: Insights['sla'], now: number): SlaEvent[] {
  const host = new URL(ticket.url).host;
  const events: SlaEvent[] = [];
  for (const clock of clocks) {
    const state = clock.state === 'fulfilled' ? 'fulfilled' : clock.breached ? 'breached' : undefined;
    if (!state) continue;
    const id = uuidv5(`${host}|${ticket.helpdesk}|${ticket.ticketId}|${clock.metric}|${state}`, SLA_OUTCOME_NAMESPACE);
    events.push(
      DeskLensEvent.parse({
        type: 'sla',
        id,
        occurredAt: new Date(now).toISOString(),
        helpdesk: ticket.helpdesk,
        ticketId: ticket.ticketId,
        metric: clock.metric,
        state,
        ...(clock.deadline ? { deadline: clock.deadline } : {}),
        businessHours: clock.businessHours,
        ...(state === 'fulfilled'
          ? { breached: clock.breached, elapsedMs: Math.max(0, Math.round(clock.targetMs - clock.msLeft)) }
          : {}),
      }) as SlaEvent,
    );
  }
  return events;
}

/** Queues the outcomes not reported before from this browser; returns how many were queued. */
export async function recordSlaOutcomes(
  db: DeskLensDatabase,
  ticket: TicketContext,
  clocks: Insights['sla'],
  now = Date.now(),
): Promise<number> {
  const events = slaOutcomes(ticket, clocks, now);
  if (events.length === 0) return 0;
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const reported = ((await db.meta.get(REPORTED_KEY))?.value ?? {}) as Record<string, number>;
    const fresh = events.filter((event) => reported[event.id] === undefined);
    if (fresh.length === 0) return 0;
    const rows: OutboxRow[] = fresh.map((event) => ({
      id: event.id,
      type: event.type,
      event,
      state: 'queued',
      attempts: 0,
      notBefore: 0,
      createdAt: now,
    }));
    await db.outbox.bulkPut(rows);
    for (const event of fresh) reported[event.id] = now;
    const kept = Object.entries(reported)
      .sort(([, a], [, b]) => b - a)
      .slice(0, REMEMBERED);
    await db.meta.put({ key: REPORTED_KEY, value: Object.fromEntries(kept) });
    return fresh.length;
  });
}
