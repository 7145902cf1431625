import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskLensDatabase } from './db';
import { captureFeedback, currentFeedback, type FeedbackCapture, undoFeedback } from './feedback';

const ticket: FeedbackCapture = {
  type: 'feedback',
  helpdesk: 'zendesk',
  ticketId: '1001',
  customer: { email: 'grace@example.com' },
  csat: 4,
  round: 'initial',
  retracted: false,
};

let db: DeskLensDatabase;
beforeEach(() => {
  db = new DeskLensDatabase(`feedback-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('one-click feedback capture', () => {
  it('queues the score in the outbox and remembers it as the ticket’s current score', async () => {
    const captured = await captureFeedback(db, ticket, Date.parse('2026-11-22T10:00:00Z'));
    expect(captured).toMatchObject({ csat: 4, syncState: 'queued', capturedAt: '2026-11-22T10:00:00.000Z' });
    const row = await db.outbox.get(captured.eventId);
    expect(row?.event).toMatchObject({ type: 'feedback', ticketId: '1001', csat: 4 });
    expect((await currentFeedback(db, 'zendesk', '1001'))?.eventId).toBe(captured.eventId);
  });

  it('refuses a score outside 1–5 and writes nothing', async () => {
    await expect(captureFeedback(db, { ...ticket, csat: 6 })).rejects.toThrow(/csat/);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.ticketFeedback.count()).toBe(0);
  });

  it('a second click replaces the first, and undo restores it', async () => {
    const first = await captureFeedback(db, ticket);
    const second = await captureFeedback(db, { ...ticket, csat: 2 });
    expect((await currentFeedback(db, 'zendesk', '1001'))?.csat).toBe(2);
    expect(await undoFeedback(db, second.eventId)).toBe(true);
    expect((await currentFeedback(db, 'zendesk', '1001'))?.eventId).toBe(first.eventId);
    // The undone score never left the browser, so it is simply gone from the outbox.
    expect(await db.outbox.get(second.eventId)).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('undo of an already-synced score sends a retraction', async () => {
    const captured = await captureFeedback(db, ticket);
    await db.outbox.delete(captured.eventId); // acknowledged by the server
    expect(await undoFeedback(db, captured.eventId)).toBe(true);
    const [retraction] = await db.outbox.toArray();
    expect(retraction?.event).toMatchObject({ type: 'feedback', ticketId: '1001', retracted: true });
    expect(await currentFeedback(db, 'zendesk', '1001')).toBeUndefined();
  });
});
