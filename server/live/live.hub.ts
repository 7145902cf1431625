import { EventEmitter } from 'node:events';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { LiveEvent } from '../../lib/schema/live';
import type { Database } from '../db/schema';

/**
 * Carries live events (a score stored, an alert fired, an action changed) to every open dashboard stream. On
 * SQLite there is one instance, so an in-process emitter is enough; on PostgreSQL every instance LISTENs on one
 * channel and publishing is a NOTIFY, so a score stored by one instance reaches streams held by any other.
 */
export interface LiveHub {
  /** Several events in one call cost one round trip to the database, not one each (a batch of scores). */
  publish: (...events: LiveEvent[]) => Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe: (listener: (event: LiveEvent) => void) => () => void;
  close: () => Promise<void>;
}

export const LIVE_CHANNEL = 'desklens_live';

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; anything larger is not worth a live event. */
const MAX_PAYLOAD_BYTES = 7900;

function localFanOut() {
  const emitter = new EventEmitter();
  // One listener per open dashboard stream: many is normal, not a leak.
  emitter.setMaxListeners(0);
  return {
    emit: (event: LiveEvent) => emitter.emit('event', event),
    subscribe: (listener: (event: LiveEvent) => void) => {
      emitter.on('event', listener);
      return () => {
        emitter.off('event', listener);
      };
    },
  };
}

export function memoryLiveHub(): LiveHub {
  const fanOut = localFanOut();
  return {
    publish: async (...events) => {
      for (const event of events) fanOut.emit(event);
    },
    subscribe: fanOut.subscribe,
    close: async () => undefined,
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries), reconnecting after a
 * database restart; NOTIFY through the app's pool. An instance hears its own notifications too, so events reach
 * local streams only through the channel, exactly once.
 */
export async function postgresLiveHub(url: string, db: Kysely<Database>, logger: Logger): Promise<LiveHub> {
  const fanOut = localFanOut();
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      try {
        const parsed = LiveEvent.safeParse(JSON.parse(message.payload));
        if (parsed.success) fanOut.emit(parsed.data);
        else logger.warn({ issues: parsed.error.issues.length }, 'live: ignored a malformed notification');
      } catch {
        logger.warn('live: ignored a notification that is not JSON');
      }
    });
    const reconnect = () => {
      if (closed || client !== next) return;
      client = undefined;
      logger.warn('live: LISTEN connection lost; reconnecting in 1 s');
      retry = setTimeout(() => connect().catch(() => reconnect()), 1000);
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    client = next;
    await next.connect();
    await next.query(`LISTEN ${LIVE_CHANNEL}`);
  };
  await connect();

  return {
    publish: async (...events) => {
      const payloads: string[] = [];
      for (const event of events) {
        const payload = JSON.stringify(event);
        if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
          logger.warn({ type: event.type }, 'live: event too large for NOTIFY; not sent');
        else payloads.push(payload);
      }
      if (payloads.length === 0) return;
      // One notification per event (listeners parse one event each), all sent by one statement.
      await sql`select pg_notify(${LIVE_CHANNEL}, payload) from unnest(${payloads}::text[]) with ordinality as sent(payload, n) order by n`.execute(
        db,
      );
    },
    subscribe: fanOut.subscribe,
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}

/** The hub for a database: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
export async function openLiveHub(
  kind: 'sqlite' | 'postgres',
  url: string,
  db: Kysely<Database>,
  logger: Logger,
): Promise<LiveHub> {
  return kind === 'postgres' ? postgresLiveHub(url, db, logger) : memoryLiveHub();
}
