import { v7 as uuidv7 } from 'uuid';
import { DeskLensEvent, type DeskLensEventInput } from '../schema/events';
import type { DeskLensDatabase, OutboxRow } from './db';

type EventWithoutEnvelope = DeskLensEventInput extends infer E
  ? E extends DeskLensEventInput
    ? Omit<E, 'id' | 'occurredAt'>
    : never
  : never;

/**
 * Put an event in the outbox. The event is validated before anything is written, so a bad one is
 * refused with the field named and the outbox never holds something the server would reject as malformed.
 */
export async function enqueue(
  db: DeskLensDatabase,
  input: EventWithoutEnvelope,
  now = Date.now(),
): Promise<DeskLensEvent> {
  const event = DeskLensEvent.parse({ ...input, id: uuidv7({ msecs: now }), occurredAt: new Date(now).toISOString() });
  const row: OutboxRow = {
    id: event.id,
    type: event.type,
    event,
    state: 'queued',
    attempts: 0,
    notBefore: 0,
    createdAt: now,
  };
  await db.outbox.add(row);
  return event;
}

/** The next batch due for sending, oldest first. */
export async function dueBatch(db: DeskLensDatabase, limit: number, now = Date.now()): Promise<OutboxRow[]> {
  const queued = await db.outbox.where('state').equals('queued').sortBy('id');
  return queued.filter((row) => row.notBefore <= now).slice(0, limit);
}

export async function countByState(db: DeskLensDatabase): Promise<{ queued: number; quarantined: number }> {
  const [queued, quarantined] = await Promise.all([
    db.outbox.where('state').equals('queued').count(),
    db.outbox.where('state').equals('quarantined').count(),
  ]);
  return { queued, quarantined };
}
