import type { CapturedFeedback } from '../messaging';
import type { FeedbackEvent } from '../schema/events';
import type { DeskLensDatabase, TicketFeedbackRow } from './db';
import { enqueue } from './outbox';

export type FeedbackCapture = Omit<FeedbackEvent, 'id' | 'occurredAt'>;

/**
 * Record the agent's score for a ticket. The event goes to the outbox (so it survives anything) and the
 * ticket's current score points at it; a second click replaces the first both here and on the server.
 */
export async function captureFeedback(
  db: DeskLensDatabase,
  capture: FeedbackCapture,
  now = Date.now(),
): Promise<CapturedFeedback> {
  return db.transaction('rw', db.outbox, db.ticketFeedback, async () => {
    const event = await enqueue(db, capture, now);
    const key: [string, string, string] = [capture.helpdesk, capture.ticketId, capture.round];
    const previous = await db.ticketFeedback.get(key);
    const row: TicketFeedbackRow = {
      helpdesk: capture.helpdesk,
      ticketId: capture.ticketId,
      round: capture.round,
      eventId: event.id,
      csat: capture.csat,
      capturedAt: event.occurredAt,
      previousEventId: previous?.eventId,
      previousCsat: previous?.csat,
      previousCapturedAt: previous?.capturedAt,
      synced: false,
    };
    await db.ticketFeedback.put(row);
    return toCaptured(row, 'queued');
  });
}

/**
 * Undo a score. If it has not left the browser it simply disappears; if it was already synced, a new
 * event restores the earlier score (or retracts it when there was none), so the server ends up where
 * the agent started.
 */
export async function undoFeedback(db: DeskLensDatabase, eventId: string, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.outbox, db.ticketFeedback, async () => {
    const row = await db.ticketFeedback.where('eventId').equals(eventId).first();
    if (!row) return false;
    const key: [string, string, string] = [row.helpdesk, row.ticketId, row.round];
    const queued = await db.outbox.get(eventId);
    if (queued && queued.state === 'queued') {
      await db.outbox.delete(eventId);
    } else {
      const original = queued?.event ?? undefined;
      const base = original && original.type === 'feedback' ? original : undefined;
      await enqueue(
        db,
        {
          type: 'feedback',
          helpdesk: row.helpdesk,
          ticketId: row.ticketId,
          round: row.round,
          customer: base?.customer ?? {},
          csat: row.previousCsat ?? row.csat,
          retracted: row.previousCsat === undefined,
        },
        now,
      );
    }
    if (row.previousEventId && row.previousCsat !== undefined && row.previousCapturedAt) {
      await db.ticketFeedback.put({
        ...row,
        eventId: row.previousEventId,
        csat: row.previousCsat,
        capturedAt: row.previousCapturedAt,
        previousEventId: undefined,
        previousCsat: undefined,
        previousCapturedAt: undefined,
        synced: !(await db.outbox.get(row.previousEventId)),
      });
    } else {
      await db.ticketFeedback.delete(key);
    }
    return true;
  });
}

export async function currentFeedback(
  db: DeskLensDatabase,
  helpdesk: string,
  ticketId: string,
): Promise<CapturedFeedback | undefined> {
  const row = await db.ticketFeedback.get([helpdesk, ticketId, 'initial']);
  if (!row) return undefined;
  const outboxRow = await db.outbox.get(row.eventId);
  const state = outboxRow?.state === 'quarantined' ? 'failed' : row.synced || !outboxRow ? 'synced' : 'queued';
  return toCaptured(row, state);
}

function toCaptured(row: TicketFeedbackRow, syncState: CapturedFeedback['syncState']): CapturedFeedback {
  return { eventId: row.eventId, csat: row.csat, round: row.round, capturedAt: row.capturedAt, syncState };
}
