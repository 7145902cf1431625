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

type Clock = Insights['sla'][number];

interface Outcome {
  metric: string;
  cycle: number;
  state: 'fulfilled' | 'breached';
  breached: boolean;
  deadline?: string;
  businessHours: boolean;
  /** How long the cycle ran, in the target's own terms (fulfilled outcomes only). */
  elapsedMs?: number;
  /** When it happened, when known (a previous cycle's end); otherwise when it was seen. */
  at?: string;
}

/** The outcomes one clock shows: how its previous cycle ended, and its current cycle once met, late or breached. */
function outcomesOf(clock: Clock): Outcome[] {
  const outcomes: Outcome[] = [];
  const base = { metric: clock.metric, businessHours: clock.businessHours };
  const elapsed = (msLeft: number) => Math.max(0, Math.round(clock.targetMs - msLeft));
  if (clock.previous) {
    outcomes.push({
      ...base,
      cycle: clock.previous.cycle,
      state: 'fulfilled',
      breached: clock.previous.breached,
      ...(clock.previous.deadline ? { deadline: clock.previous.deadline } : {}),
      elapsedMs: elapsed(clock.previous.msLeft),
      at: clock.previous.fulfilledAt,
    });
  }
  const state = clock.state === 'fulfilled' ? 'fulfilled' : clock.breached ? 'breached' : undefined;
  // A cycle activated and fulfilled in the same instant never ran: it is no target met.
  if (state && !clock.zeroLength) {
    outcomes.push({
      ...base,
      cycle: clock.cycle,
      state,
      breached: clock.breached,
      ...(clock.deadline ? { deadline: clock.deadline } : {}),
      ...(state === 'fulfilled' ? { elapsedMs: elapsed(clock.msLeft) } : {}),
    });
  }
  return outcomes;
}

/**
 * What a ticket's clocks say happened: a target fulfilled (met or late) or breached while still running, once per
 * cycle of each metric — a reopened ticket's new cycles are outcomes of their own, so a lead's attainment counts
 * them. The id is derived from the helpdesk host, ticket, metric, cycle and outcome, so every browser that sees
 * the same outcome sends the same event and the server stores it once, whichever agent had the ticket open.
 * A first cycle keeps the id it had before cycles were counted, so nothing is reported twice after an update.
 */
export function slaOutcomes(ticket: TicketContext, clocks: Insights['sla'], now: number): SlaEvent[] {
  const host = new URL(ticket.url).host;
  return clocks.flatMap(outcomesOf).map((outcome) => {
    const cycleKey = outcome.cycle === 1 ? '' : `|cycle ${outcome.cycle}`;
    const id = uuidv5(
      `${host}|${ticket.helpdesk}|${ticket.ticketId}|${outcome.metric}|${outcome.state}${cycleKey}`,
      SLA_OUTCOME_NAMESPACE,
    );
    return DeskLensEvent.parse({
      type: 'sla',
      id,
      occurredAt: outcome.at ?? new Date(now).toISOString(),
      helpdesk: ticket.helpdesk,
      ticketId: ticket.ticketId,
      metric: outcome.metric,
      state: outcome.state,
      cycle: outcome.cycle,
      ...(outcome.deadline ? { deadline: outcome.deadline } : {}),
      businessHours: outcome.businessHours,
      ...(outcome.state === 'fulfilled' ? { breached: outcome.breached, elapsedMs: outcome.elapsedMs } : {}),
    }) as SlaEvent;
  });
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
