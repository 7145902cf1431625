import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUnavailableReason, type TestDatabase } from '../testing';
import { type OpenDatabase, openDatabase } from './index';
import { keepPlannerStatistics } from './planner-statistics';

const skipPostgres = await postgresUnavailableReason();

describe.skipIf(skipPostgres)('planner statistics on PostgreSQL', () => {
  let database: TestDatabase;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    open = await openDatabase(database.url);
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  it('analyses a table that grew from empty when autovacuum is off, and leaves the work to autovacuum when on', async () => {
    await sql`insert into script_usage (event_id, org_id, team_id, agent_id, helpdesk, ticket_id, script_id,
        script_version, action, edited, occurred_at)
      select 'e' || g, 'org', 'team', 'agent', 'zendesk', 't' || g, 's', 1, 'inserted', null, '2026-11-30T00:00:00Z'
      from generate_series(1, 2000) as g`.execute(open.db);
    // The statistics collector reports changes asynchronously; flush this backend's counters.
    await sql`select pg_stat_force_next_flush()`.execute(open.db).catch(() => undefined);
    const autovacuum = (await sql<{ autovacuum: string }>`show autovacuum`.execute(open.db)).rows[0]?.autovacuum;
    const statistics = keepPlannerStatistics(open.db, 'postgres', pino({ level: 'silent' }), 0);
    const analysed = await statistics.refresh();
    if (autovacuum === 'on') {
      expect(analysed).toEqual([]);
      return;
    }
    expect(analysed).toContain('script_usage');
    const row = await sql<{ analysed: Date | null; estimate: number }>`
      select s.last_analyze as analysed, c.reltuples as estimate
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'script_usage'`.execute(open.db);
    expect(row.rows[0]?.analysed).not.toBeNull();
    expect(Number(row.rows[0]?.estimate)).toBe(2000);
    // Nothing changed since: the next pass analyses nothing.
    expect(await statistics.refresh()).toEqual([]);
  });
});
