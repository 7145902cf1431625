import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import type { DeskLensEventInput } from '../../lib/schema/events';
import { createApp } from '../../server/app';
import { type DatabaseKind, openDatabase } from '../../server/db';
import { seedDemo } from '../../server/demo/seed';
import { openLiveHub } from '../../server/live/live.hub';
import { DATABASE_KINDS, withTestDatabase } from '../../server/testing';

/**
 * Ingest throughput: batches of 100 feedback events through the whole API (JSON, zod, token lookup, the
 * idempotent insert, current-score bookkeeping and the live announcement of new scores) against the same rows written straight through the driver
 * (one multi-row INSERT per table per batch, in one transaction) in the same run. Budget: API ≥ 0.5 × direct.
 */
const BATCH = 100;
const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 100);

function feedbackBatch(batchIndex: number): DeskLensEventInput[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    type: 'feedback' as const,
    id: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 1) + batchIndex * 60_000 + i).toISOString(),
    helpdesk: 'zendesk' as const,
    ticketId: `T-${batchIndex}-${i}`,
    customer: { email: `customer${i}@example.com` },
    csat: 1 + (i % 5),
    nps: i % 11,
  }));
}

interface DirectRow {
  event: unknown[];
  feedback: unknown[];
}

/** The rows the server would store for one event, as positional values for the direct INSERTs. */
function directRows(events: DeskLensEventInput[], agent: { orgId: string; teamId: string; agentId: string }) {
  const receivedAt = new Date().toISOString();
  return events.map((event): DirectRow => {
    if (event.type !== 'feedback') throw new Error('feedback only');
    const occurredAt = new Date(event.occurredAt).toISOString();
    return {
      event: [
        event.id,
        agent.orgId,
        agent.agentId,
        'feedback',
        event.helpdesk,
        event.ticketId,
        occurredAt,
        receivedAt,
        JSON.stringify(event),
      ],
      feedback: [
        event.id,
        agent.orgId,
        agent.teamId,
        agent.agentId,
        event.helpdesk,
        event.ticketId,
        'initial',
        event.csat,
        event.nps ?? null,
        null,
        null,
        null,
        event.customer?.email ?? null,
        null,
        0,
        1,
        occurredAt,
      ],
    };
  });
}

const EVENT_COLUMNS = 'id, org_id, agent_id, type, helpdesk, ticket_id, occurred_at, received_at, payload';
const FEEDBACK_COLUMNS =
  'event_id, org_id, team_id, agent_id, helpdesk, ticket_id, round, csat, nps, dimensions, comment, customer_id, customer_email, tier_id, retracted, is_current, occurred_at';

function placeholders(rows: number, columns: number, kind: DatabaseKind): string {
  let n = 0;
  return Array.from(
    { length: rows },
    () => `(${Array.from({ length: columns }, () => (kind === 'postgres' ? `$${++n}` : '?')).join(', ')})`,
  ).join(', ');
}

interface DirectWriter {
  write: (rows: DirectRow[]) => Promise<void>;
  close: () => Promise<void>;
}

/** The same rows written straight through the driver: one multi-row INSERT per table, one transaction a batch. */
async function directWriter(kind: DatabaseKind, url: string): Promise<DirectWriter> {
  const eventSql = `insert into events (${EVENT_COLUMNS}) values ${placeholders(BATCH, 9, kind)} on conflict (org_id, id) do nothing`;
  const feedbackSql = `insert into feedback (${FEEDBACK_COLUMNS}) values ${placeholders(BATCH, 17, kind)}`;
  if (kind === 'sqlite') {
    const sqlite = new SQLite(url);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    const insertEvents = sqlite.prepare(eventSql);
    const insertFeedback = sqlite.prepare(feedbackSql);
    const writeBatch = sqlite.transaction((rows: DirectRow[]) => {
      insertEvents.run(rows.flatMap((r) => r.event));
      insertFeedback.run(rows.flatMap((r) => r.feedback));
    });
    return { write: async (rows) => writeBatch(rows), close: async () => void sqlite.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    write: async (rows) => {
      await client.query('begin');
      await client.query(
        eventSql,
        rows.flatMap((r) => r.event),
      );
      await client.query(
        feedbackSql,
        rows.flatMap((r) => r.feedback),
      );
      await client.query('commit');
    },
    close: () => client.end(),
  };
}

async function benchKind(kind: DatabaseKind): Promise<void> {
  const run = await withTestDatabase(kind, async (testDb) => {
    const database = await openDatabase(testDb.url);
    const demo = await seedDemo(database.db);
    const logger = pino({ level: 'silent' });
    // The hub a server of this kind runs with: on PostgreSQL each stored score is announced by NOTIFY.
    const live = await openLiveHub(database.kind, testDb.url, database.db, logger);
    const app = createApp({
      db: database.db,
      databaseKind: database.kind,
      live,
      logger,
      bodyLimitBytes: 1_048_576,
      rateLimitPerMinute: 1_000_000,
    });
    const post = async (events: DeskLensEventInput[]) => {
      const response = await app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    };
    await post(feedbackBatch(-1)); // warm-up: first token lookup, prepared paths
    const direct = await directWriter(kind, testDb.url);
    // API and direct batches alternate, so a busy machine slows both alike and the ratio stays meaningful.
    let apiMs = 0;
    let directMs = 0;
    for (let b = 0; b < BATCHES; b++) {
      const apiEvents = feedbackBatch(b);
      const directBatch = directRows(feedbackBatch(BATCHES + b), demo);
      const apiStarted = performance.now();
      await post(apiEvents);
      apiMs += performance.now() - apiStarted;
      const directStarted = performance.now();
      await direct.write(directBatch);
      directMs += performance.now() - directStarted;
    }
    await direct.close();
    await live.close();
    await database.close();
    return { apiMs, directMs };
  });
  if (run.skipped !== undefined) {
    console.log(`bench server-ingest ${kind}: skipped (${run.skipped})`);
    return;
  }
  const events = BATCH * BATCHES;
  const apiRate = events / (run.result.apiMs / 1000);
  const directRate = events / (run.result.directMs / 1000);
  console.log(`bench server-ingest ${kind} api events/s (batches of ${BATCH}): ${apiRate.toFixed(0)} events/s`);
  console.log(`bench server-ingest ${kind} direct driver events/s: ${directRate.toFixed(0)} events/s`);
  console.log(`bench server-ingest ${kind} api/direct ratio: ${(apiRate / directRate).toFixed(2)} (budget ≥ 0.5)`);
}

for (const kind of DATABASE_KINDS) await benchKind(kind);
