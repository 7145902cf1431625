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

/**
 * The next batch due for sending, oldest first. Rows with the same `state` come out of the index in primary-key
 * order, and ids are UUIDv7 (time-ordered), so a limited cursor gives the oldest without sorting the backlog.
 */
export async function dueBatch(db: DeskLensDatabase, limit: number, now = Date.now()): Promise<OutboxRow[]> {
  return db.outbox
    .where('state')
    .equals('queued')
    .filter((row) => row.notBefore <= now)
    .limit(limit)
    .toArray();
}

export async function countByState(db: DeskLensDatabase): Promise<{ queued: number; quarantined: number }> {
  const [queued, quarantined] = await Promise.all([
    db.outbox.where('state').equals('queued').count(),
    db.outbox.where('state').equals('quarantined').count(),
  ]);
  return { queued, quarantined };
}
