import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskLensEvent } from '../../lib/schema/events';
import { type AuthenticatedAgent, agentForToken } from '../auth/tokens';
import { createTestApp, type TestApp } from '../test-app';
import { postgresUnavailableReason } from '../testing';
import { storeBatch } from './events.handlers';

const skipPostgres = await postgresUnavailableReason();

const TICKET = 'RACE-1';
const score = (at: string, csat: number) =>
  DeskLensEvent.parse({
    type: 'feedback',
    id: randomUUID(),
    occurredAt: `2026-11-23T${at}:00.000Z`,
    helpdesk: 'zendesk',
    ticketId: TICKET,
    customer: {},
    csat,
  });

/**
 * Two instances' batches for one ticket, interleaved at the one point where it matters: another instance commits a
 * score after this batch has read the ticket's scores and before it demotes the current one. READ COMMITTED gives each
 * statement a fresh snapshot, so the demotion sees a score the read did not. Only PostgreSQL runs writers at once.
 */
describe.skipIf(skipPostgres)('a score committed by another instance in the middle of a batch', () => {
  let t: TestApp;
  let agent: AuthenticatedAgent;
  afterEach(async () => {
    await t?.close();
  });

  async function start() {
    t = await createTestApp('postgres');
    const found = await agentForToken(t.database.db, t.demo.agentToken);
    if (!found) throw new Error('the demo agent has no token');
    agent = found;
  }

  /** What the ticket's rows say now, and what the day's roll-up counts for the agent. */
  async function outcome() {
    const db = t.database.db;
    const rows = await db
      .selectFrom('feedback')
      .select(['event_id', 'is_current'])
      .where('ticket_id', '=', TICKET)
      .execute();
    const rollup = await sql<{ n: number | string; satisfied: number | string }>`
      select coalesce(sum(n), 0) as n, coalesce(sum(satisfied), 0) as satisfied from feedback_rollups
      where grain = 'day' and bucket = '2026-11-23' and agent_id = ${agent.id}`.execute(db);
    return {
      current: rows.filter((row) => row.is_current === 1).map((row) => row.event_id),
      counted: Number(rollup.rows[0]?.n),
      satisfied: Number(rollup.rows[0]?.satisfied),
    };
  }

  it('keeps the newer score counted when it lands between this batch’s read and its demotion', async () => {
    await start();
    const first = score('10:00', 3);
    const mine = score('10:05', 1);
    const newer = score('10:10', 5);
    await storeBatch(t.database.db, agent, [first]);
    let reads = 0;
    const result = await storeBatch(t.database.db, agent, [mine], new Date(), {
      afterScoresRead: async () => {
        reads += 1;
        if (reads === 1) await storeBatch(t.database.db, agent, [newer]);
      },
    });
    expect(result.results).toEqual([{ id: mine.id, status: 'stored' }]);
    // The batch was decided again once it met the newer score.
    expect(reads).toBe(2);
    expect(await outcome()).toEqual({ current: [newer.id], counted: 1, satisfied: 1 });
  });

  it('makes this batch’s score current over an older one that landed in between, and uncounts that one', async () => {
    await start();
    const first = score('10:00', 3);
    const older = score('10:05', 5);
    const mine = score('10:10', 1);
    await storeBatch(t.database.db, agent, [first]);
    let reads = 0;
    await storeBatch(t.database.db, agent, [mine], new Date(), {
      afterScoresRead: async () => {
        reads += 1;
        if (reads === 1) await storeBatch(t.database.db, agent, [older]);
      },
    });
    expect(reads).toBe(1);
    expect(await outcome()).toEqual({ current: [mine.id], counted: 1, satisfied: 0 });
  });
});
