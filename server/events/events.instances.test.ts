import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput, IngestResult } from '../../lib/schema/events';
import { type RunningServer, startServer } from '../start';
import { createTestDatabase, DATABASE_KINDS, postgresUnavailableReason, type TestDatabase } from '../testing';

const skipPostgres = await postgresUnavailableReason();
if (skipPostgres) console.warn(`Skipping PostgreSQL runs: ${skipPostgres}`);

const BATCHES = 12;
const PER_BATCH = 50;

function batch(index: number): DeskLensEventInput[] {
  return Array.from({ length: PER_BATCH }, (_, i) => ({
    type: 'feedback' as const,
    id: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 22, 10) + i).toISOString(),
    helpdesk: 'zendesk' as const,
    ticketId: `I-${index}-${i}`,
    customer: { email: 'grace@example.com' },
    csat: 1 + (i % 5),
  }));
}

for (const kind of DATABASE_KINDS) {
  // Two servers, each with its own connection pool, on one database: what a load balancer in front of
  // several stateless instances does when a browser retries a batch against the other instance.
  describe.skipIf(kind === 'postgres' && skipPostgres)(`two instances on one ${kind} database`, () => {
    let database: TestDatabase;
    let first: RunningServer;
    let second: RunningServer;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      // Started one after the other: the second finds the schema migrated and the demo org seeded.
      first = await startServer({ databaseUrl: database.url, demo: true, logLevel: 'silent' });
      second = await startServer({ databaseUrl: database.url, demo: true, logLevel: 'silent' });
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await database?.drop();
    });

    it('stores each event exactly once when both receive the same batches at the same time', async () => {
      const token = first.demo?.agentToken ?? '';
      const send = async (server: RunningServer, events: DeskLensEventInput[]) => {
        const response = await fetch(`${server.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        expect(response.status).toBe(200);
        return (await response.json()) as IngestResult;
      };
      const batches = Array.from({ length: BATCHES }, (_, b) => batch(b));
      const answers = await Promise.all(batches.flatMap((events) => [send(first, events), send(second, events)]));

      const storedBy = new Map<string, number>();
      for (const answer of answers) {
        for (const result of answer.results) {
          if (result.status === 'stored') storedBy.set(result.id, (storedBy.get(result.id) ?? 0) + 1);
        }
      }
      const ids = batches.flat().map((event) => event.id);
      expect(ids.every((id) => storedBy.get(id) === 1)).toBe(true);
      expect(answers.reduce((sum, answer) => sum + answer.stored + answer.duplicates, 0)).toBe(2 * ids.length);

      const db = first.db;
      const events = await db.selectFrom('events').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const feedback = await db
        .selectFrom('feedback')
        .select(db.fn.countAll<number>().as('n'))
        .where('ticket_id', 'like', 'I-%')
        .where('is_current', '=', 1)
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(ids.length);
      expect(Number(feedback.n)).toBe(ids.length);
    });

    it('keeps exactly one current score, the newest, when two different scores for a ticket race', async () => {
      const token = first.demo?.agentToken ?? '';
      const send = async (server: RunningServer, events: DeskLensEventInput[]) => {
        const response = await fetch(`${server.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        expect(response.status).toBe(200);
      };
      const score = (ticket: string, csat: number, at: number): DeskLensEventInput => ({
        type: 'feedback' as const,
        id: randomUUID(),
        occurredAt: new Date(Date.UTC(2026, 10, 22, 11) + at).toISOString(),
        helpdesk: 'zendesk' as const,
        ticketId: ticket,
        customer: {},
        csat,
      });
      // Each round: the same 40 tickets get an older score at one instance and a newer one at the other,
      // at the same moment. Which request commits first varies; the newer score must win either way.
      const newest = new Map<string, number>();
      for (let round = 0; round < 6; round++) {
        const older = Array.from({ length: 40 }, (_, i) => score(`R-${i}`, 1 + ((i + round) % 5), round * 10));
        const newer = Array.from({ length: 40 }, (_, i) => score(`R-${i}`, 1 + ((i + round + 2) % 5), round * 10 + 5));
        for (const event of newer) if (event.type === 'feedback') newest.set(event.ticketId, event.csat);
        const [a, b] = round % 2 === 0 ? [first, second] : [second, first];
        await Promise.all([send(a, older), send(b, newer)]);
      }
      const current = await first.db
        .selectFrom('feedback')
        .select(['ticket_id', 'csat'])
        .where('ticket_id', 'like', 'R-%')
        .where('is_current', '=', 1)
        .execute();
      expect(current).toHaveLength(newest.size);
      for (const row of current) expect(row.csat).toBe(newest.get(row.ticket_id));
    });
  });
}
