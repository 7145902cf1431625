import Dexie, { type EntityTable } from 'dexie';
import type { CapturedFeedback, Insights } from '../../../lib/messaging';
import type { FeedbackCapture, ScriptUsageCapture } from '../../../lib/overlay/features/types';
import type { Backend } from './backend';

/**
 * The app's offline-first queue, in IndexedDB in the app's own frame (Zendesk serves every app from its own
 * origin, so no other app or page can read it). An event leaves the queue only once the backend acknowledged
 * its id; the backend stores each id once, so a resend after a lost answer cannot count twice: exactly once.
 */
type QueuedEvent = (FeedbackCapture | ScriptUsageCapture) & { id: string; occurredAt: string };

interface OutboxRow {
  id: string;
  event: QueuedEvent;
  /** `rejected`: the backend refused the event as malformed; kept for the record, never resent. */
  state: 'queued' | 'rejected';
  attempts: number;
  notBefore: number;
}

interface ScoreRow {
  /** helpdesk \u0000 ticket id \u0000 round */
  key: string;
  eventId: string;
  csat: number;
  round: 'initial' | 'follow_up';
  capturedAt: string;
  previous?: { eventId: string; csat: number; capturedAt: string };
  synced: boolean;
}

interface FiguresRow {
  key: string;
  insights: Insights;
}

class AppDatabase extends Dexie {
  outbox!: EntityTable<OutboxRow, 'id'>;
  scores!: EntityTable<ScoreRow, 'key'>;
  /** The last figures seen per ticket, shown while the backend cannot be reached. */
  figures!: EntityTable<FiguresRow, 'key'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ outbox: 'id, state', scores: 'key, eventId', figures: 'key' });
  }
}

const BATCH = 100;
const MAX_BACKOFF_MS = 60_000;

export interface Outbox {
  captureFeedback(capture: FeedbackCapture): Promise<CapturedFeedback>;
  undoFeedback(eventId: string): Promise<CapturedFeedback | undefined>;
  currentScore(helpdesk: string, ticketId: string): Promise<CapturedFeedback | undefined>;
  captureUsage(capture: ScriptUsageCapture): Promise<void>;
  rememberFigures(key: string, insights: Insights): Promise<void>;
  lastFigures(key: string): Promise<Insights | undefined>;
  /** Send what is due now; resolves when the queue is empty or the backend cannot take more. */
  drain(): Promise<void>;
  queued(): Promise<number>;
}

const scoreKey = (helpdesk: string, ticketId: string, round: string) => `${helpdesk}\u0000${ticketId}\u0000${round}`;

export function createOutbox(
  backend: Backend,
  options: { now?: () => number; onChange?: () => void; agent?: string } = {},
): Outbox {
  // One queue per agent: on a shared computer, what one agent queued is never sent with the next one's session.
  const db = new AppDatabase(options.agent ? `desklens-zendesk-app:${options.agent}` : 'desklens-zendesk-app');
  const now = options.now ?? Date.now;
  let draining: Promise<void> | undefined;
  let again = false;

  async function enqueue(capture: FeedbackCapture | ScriptUsageCapture): Promise<QueuedEvent> {
    const event = { ...capture, id: crypto.randomUUID(), occurredAt: new Date(now()).toISOString() } as QueuedEvent;
    await db.outbox.add({ id: event.id, event, state: 'queued', attempts: 0, notBefore: 0 });
    return event;
  }

  async function toCaptured(row: ScoreRow): Promise<CapturedFeedback> {
    const queued = await db.outbox.get(row.eventId);
    const syncState = queued?.state === 'rejected' ? 'failed' : queued ? 'queued' : 'synced';
    return { eventId: row.eventId, csat: row.csat, round: row.round, capturedAt: row.capturedAt, syncState };
  }

  async function sendOnce(): Promise<boolean> {
    const batch = await db.outbox
      .where('state')
      .equals('queued')
      .filter((row) => row.notBefore <= now())
      .limit(BATCH)
      .toArray();
    if (batch.length === 0) return false;
    const answer = await backend.post('/api/v1/events', { events: batch.map((row) => row.event) });
    if (answer.status >= 200 && answer.status < 300) {
      const results = (answer.body as { results?: { id?: unknown }[] } | undefined)?.results ?? [];
      const acknowledged = results.map((result) => String(result.id));
      await db.outbox.bulkDelete(acknowledged);
      return acknowledged.length > 0;
    }
    if (answer.status === 400 || answer.status === 422) {
      // The backend names the malformed events; keep them apart so the rest of the queue moves on.
      const bad = new Set(
        ((answer.body as { error?: { issues?: { path?: unknown[] }[] } } | undefined)?.error?.issues ?? [])
          .map((issue) => issue.path?.[1])
          .filter((index): index is number => typeof index === 'number'),
      );
      const rows = bad.size > 0 ? batch.filter((_, index) => bad.has(index)) : batch;
      await db.outbox.bulkPut(rows.map((row) => ({ ...row, state: 'rejected' as const })));
      return true;
    }
    // Unreachable, unauthorised for now, or overloaded: everything stays, and is tried again later.
    await db.outbox.bulkPut(
      batch.map((row) => ({
        ...row,
        attempts: row.attempts + 1,
        notBefore: now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts),
      })),
    );
    return false;
  }

  return {
    async captureFeedback(capture) {
      const captured = await db.transaction('rw', db.outbox, db.scores, async () => {
        const event = await enqueue(capture);
        const key = scoreKey(capture.helpdesk, capture.ticketId, capture.round ?? 'initial');
        const previous = await db.scores.get(key);
        const row: ScoreRow = {
          key,
          eventId: event.id,
          csat: capture.csat,
          round: capture.round ?? 'initial',
          capturedAt: event.occurredAt,
          previous: previous && { eventId: previous.eventId, csat: previous.csat, capturedAt: previous.capturedAt },
          synced: false,
        };
        await db.scores.put(row);
        return toCaptured(row);
      });
      void this.drain();
      return captured;
    },
    async undoFeedback(eventId) {
      const restored = await db.transaction('rw', db.outbox, db.scores, async () => {
        const row = await db.scores.where('eventId').equals(eventId).first();
        if (!row) return undefined;
        const queued = await db.outbox.get(eventId);
        const [helpdesk = '', ticketId = ''] = row.key.split('\u0000');
        if (queued?.state === 'queued') await db.outbox.delete(eventId);
        else {
          // Already sent: a new event puts the server back where the agent started.
          const original = queued?.event.type === 'feedback' ? queued.event : undefined;
          await enqueue({
            type: 'feedback',
            helpdesk,
            ticketId,
            round: row.round,
            customer: original?.customer ?? {},
            csat: row.previous?.csat ?? row.csat,
            retracted: row.previous === undefined,
          });
        }
        if (!row.previous) {
          await db.scores.delete(row.key);
          return undefined;
        }
        const back: ScoreRow = { ...row, ...row.previous, previous: undefined, synced: true };
        await db.scores.put(back);
        return toCaptured(back);
      });
      void this.drain();
      return restored;
    },
    async currentScore(helpdesk, ticketId) {
      const row = await db.scores.get(scoreKey(helpdesk, ticketId, 'initial'));
      return row ? toCaptured(row) : undefined;
    },
    async captureUsage(capture) {
      await enqueue(capture);
      void this.drain();
    },
    async rememberFigures(key, insights) {
      await db.figures.put({ key, insights });
    },
    async lastFigures(key) {
      return (await db.figures.get(key))?.insights;
    },
    drain() {
      // Single flight: a request during a run makes exactly one more run.
      if (draining) {
        again = true;
        return draining;
      }
      draining = (async () => {
        do {
          again = false;
          while (await sendOnce().catch(() => false)) options.onChange?.();
        } while (again);
        options.onChange?.();
      })().finally(() => {
        draining = undefined;
      });
      return draining;
    },
    queued: () => db.outbox.where('state').equals('queued').count(),
  };
}
