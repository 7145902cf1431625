import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeInsights } from '../insights';
import { SlaPolicy } from '../schema/sla';
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

  it('reports each cycle of a reopened ticket once: the solved cycle, then the reopened one, under ids of their own', async () => {
    const MIN = 60_000;
    const at = (minutes: number) => new Date(created + minutes * MIN).toISOString();
    // Answered and solved; the customer writes again, the ticket reopens; answered late and solved again.
    const base = {
      helpdesk: 'zendesk',
      ticketId: '5150',
      url: 'https://acme.zendesk.com/agent/tickets/5150',
      subject: 'Export fails',
      priority: 'normal',
      createdAt: at(0),
    } as const;
    const policies = [
      SlaPolicy.parse({
        id: 'p',
        title: 'Replies and waiting',
        targets: [
          { metric: 'next_reply_time', priority: 'normal', targetMinutes: 60 },
          { metric: 'requester_wait_time', priority: 'normal', targetMinutes: 240 },
        ],
      }),
    ];
    const solvedOnce = TicketContext.parse({
      ...base,
      status: 'solved',
      comments: [
        { authorRole: 'customer', at: at(0) },
        { authorRole: 'agent', at: at(10) },
        { authorRole: 'customer', at: at(20) },
        { authorRole: 'agent', at: at(50) },
      ],
      statusHistory: [
        { status: 'open', at: at(0) },
        { status: 'solved', at: at(50) },
      ],
    });
    const first = slaOutcomes(
      solvedOnce,
      computeInsights(solvedOnce, { catalog: [], policies, now: created + 60 * MIN }).sla,
      created + 60 * MIN,
    );
    expect(first.map((e) => [e.metric, e.cycle, e.state, e.breached])).toEqual([
      ['next_reply_time', 1, 'fulfilled', false],
      ['requester_wait_time', 1, 'fulfilled', false],
    ]);
    const reopened = TicketContext.parse({
      ...solvedOnce,
      status: 'solved',
      comments: [...solvedOnce.comments, { authorRole: 'customer', at: at(300) }, { authorRole: 'agent', at: at(400) }],
      statusHistory: [...solvedOnce.statusHistory, { status: 'open', at: at(300) }, { status: 'solved', at: at(400) }],
    });
    const now = created + 410 * MIN;
    const second = slaOutcomes(reopened, computeInsights(reopened, { catalog: [], policies, now }).sla, now);
    expect(second.map((e) => [e.metric, e.cycle, e.state, e.breached])).toEqual([
      ['next_reply_time', 1, 'fulfilled', false],
      ['next_reply_time', 2, 'fulfilled', true],
      ['requester_wait_time', 1, 'fulfilled', false],
      ['requester_wait_time', 2, 'fulfilled', false],
    ]);
    // The earlier cycle's outcome is the same event as before; the reopened cycle's is new.
    expect(second.filter((e) => e.cycle === 1).map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(new Set(second.map((e) => e.id)).size).toBe(4);
    // Requester wait counted both stretches: 50 minutes, then 100 more.
    expect(second.find((e) => e.metric === 'requester_wait_time' && e.cycle === 2)?.elapsedMs).toBe(150 * MIN);
    // The previous cycle is dated when it ended, not when it was seen.
    expect(second.find((e) => e.metric === 'next_reply_time' && e.cycle === 1)?.occurredAt).toBe(at(50));
    await recordSlaOutcomes(
      db,
      solvedOnce,
      computeInsights(solvedOnce, { catalog: [], policies, now: created + 60 * MIN }).sla,
      created + 60 * MIN,
    );
    expect(
      await recordSlaOutcomes(db, reopened, computeInsights(reopened, { catalog: [], policies, now }).sla, now),
    ).toBe(2);
  });

  it('reports no outcome for a cycle activated and fulfilled in the same instant', () => {
    const at = new Date(created).toISOString();
    const answeredAtOnce = TicketContext.parse({
      helpdesk: 'zendesk',
      ticketId: '77',
      url: 'https://acme.zendesk.com/agent/tickets/77',
      priority: 'normal',
      createdAt: at,
      comments: [
        { authorRole: 'customer', at },
        { authorRole: 'agent', at: new Date(created + HOUR).toISOString() },
        // A customer message and an answer in the same second: a next-reply cycle that never ran.
        { authorRole: 'customer', at: new Date(created + 2 * HOUR).toISOString() },
        { authorRole: 'agent', at: new Date(created + 2 * HOUR).toISOString() },
      ],
    });
    const policies = [
      SlaPolicy.parse({
        id: 'p',
        title: 'p',
        targets: [{ metric: 'next_reply_time', priority: 'normal', targetMinutes: 60 }],
      }),
    ];
    const clocks = computeInsights(answeredAtOnce, { catalog: [], policies, now: created + 3 * HOUR }).sla;
    expect(clocks[0]).toMatchObject({ metric: 'next_reply_time', state: 'fulfilled', zeroLength: true });
    expect(slaOutcomes(answeredAtOnce, clocks, created + 3 * HOUR)).toEqual([]);
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
