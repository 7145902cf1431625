import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeInsights } from '../insights';
import { TicketContext } from '../schema/ticket';
import { DeskLensDatabase } from './db';
import { recordSlaOutcomes, slaOutcomes } from './sla-outcomes';

const HOUR = 3_600_000;
const created = Date.parse('2026-11-23T09:00:00Z');

/** An urgent ticket answered after 3 hours (first reply breached) and still open long after. */
const ticket = TicketContext.parse({
  helpdesk: 'zendesk',
  ticketId: '4242',
  url: 'https://acme.zendesk.com/agent/tickets/4242',
  subject: 'Refund not received',
  status: 'open',
  priority: 'urgent',
  createdAt: new Date(created).toISOString(),
  comments: [
    { authorRole: 'customer', at: new Date(created).toISOString() },
    { authorRole: 'agent', at: new Date(created + 3 * HOUR).toISOString() },
  ],
});

let db: DeskLensDatabase;
beforeEach(() => {
  db = new DeskLensDatabase(`sla-outcomes-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('SLA outcomes', () => {
  it('turns the engine’s fulfilled and breached clocks into events with the time the target took', () => {
    const now = created + 30 * HOUR;
    const insights = computeInsights(ticket, { catalog: [], now });
    const firstReply = insights.sla.find((c) => c.metric === 'first_reply_time');
    expect(firstReply?.state).toBe('fulfilled');
    const events = slaOutcomes(ticket, insights.sla, now);
    const reported = events.find((e) => e.metric === 'first_reply_time');
    expect(reported).toMatchObject({ state: 'fulfilled', breached: firstReply?.breached });
    expect(reported?.elapsedMs).toBe(Math.round((firstReply?.targetMs ?? 0) - (firstReply?.msLeft ?? 0)));
    // Every other clock in the result is either still running in time (no event) or reported breached.
    for (const clock of insights.sla.filter((c) => c.state !== 'fulfilled')) {
      expect(events.some((e) => e.metric === clock.metric)).toBe(clock.breached);
    }
  });

  it('gives the same outcome the same id in every browser, and a different one per ticket host', () => {
    const clocks = computeInsights(ticket, { catalog: [], now: created + 30 * HOUR }).sla;
    const a = slaOutcomes(ticket, clocks, created + 30 * HOUR).map((e) => e.id);
    const b = slaOutcomes(ticket, clocks, created + 31 * HOUR).map((e) => e.id);
    expect(a).toEqual(b);
    const other = slaOutcomes({ ...ticket, url: 'https://other.zendesk.com/agent/tickets/4242' }, clocks, 0);
    expect(other.map((e) => e.id)).not.toEqual(a);
  });

  it('queues each outcome once, however often the ticket is looked at', async () => {
    const now = created + 30 * HOUR;
    const clocks = computeInsights(ticket, { catalog: [], now }).sla;
    const first = await recordSlaOutcomes(db, ticket, clocks, now);
    expect(first).toBeGreaterThan(0);
    expect(await recordSlaOutcomes(db, ticket, clocks, now + 1000)).toBe(0);
    // Sent and gone from the outbox: still not queued again.
    await db.outbox.clear();
    expect(await recordSlaOutcomes(db, ticket, clocks, now + 2000)).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
