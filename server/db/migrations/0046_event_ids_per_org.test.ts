import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, postgresUnavailableReason, type TestDatabase } from '../../testing';
import type { DatabaseKind } from '../index';
import { migrationProvider } from '../migrations';
import type { Database, FeedbackTable, ScriptUsageTable, SlaOutcomesTable } from '../schema';

const skipPostgres = await postgresUnavailableReason();

function connect(kind: DatabaseKind, url: string): Kysely<Database> {
  return kind === 'sqlite'
    ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(url) }) })
    : new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

/** Every index on the event tables but the primary keys, by name, as the database describes it. */
async function secondaryIndexes(db: Kysely<Database>, kind: DatabaseKind): Promise<Record<string, string>> {
  const tables = ['events', 'feedback', 'sla_outcomes', 'script_usage'];
  const rows =
    kind === 'sqlite'
      ? await sql<{ name: string; definition: string }>`
          select name, sql as definition from sqlite_master
          where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(db)
      : await sql<{ name: string; definition: string }>`
          select indexname as name, indexdef as definition from pg_indexes
          where schemaname = current_schema() and tablename in (${sql.join(tables)}) and indexname not like '%_pkey'`.execute(
          db,
        );
  return Object.fromEntries(rows.rows.map((row) => [row.name, row.definition]));
}

const AT = '2026-11-20T09:00:00.000Z';
const eventRow = (id: string, orgId: string, type: string) => ({
  id,
  org_id: orgId,
  agent_id: 'u',
  type,
  helpdesk: 'zendesk',
  ticket_id: '42',
  occurred_at: AT,
  received_at: AT,
  payload: '{}',
});
const feedbackRow = (eventId: string, orgId: string, isCurrent: number): FeedbackTable => ({
  event_id: eventId,
  org_id: orgId,
  team_id: 't',
  agent_id: 'u',
  helpdesk: 'zendesk',
  ticket_id: '42',
  round: 'initial',
  csat: 4,
  nps: null,
  dimensions: null,
  comment: 'kept word for word',
  customer_id: null,
  customer_email: 'grace@example.com',
  tier_id: 'vip',
  complaint_grade: 'normal',
  retracted: 0,
  is_current: isCurrent,
  occurred_at: AT,
  dim_product_quality: 5,
  dim_response_speed: null,
  dim_staff_professionalism: null,
  dim_value_for_money: null,
  dim_after_sales_support: null,
  dim_ease_of_communication: null,
});

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`upgrading to event ids per organisation, on ${kind}`, () => {
    let testDb: TestDatabase;
    let db: Kysely<Database>;
    afterEach(async () => {
      await db?.destroy();
      await testDb?.drop();
    });

    it('keeps every stored event, score and index, and then keys ids by organisation', async () => {
      testDb = await createTestDatabase(kind);
      db = connect(kind, testDb.url);
      const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
      expect((await migrator.migrateTo('0045_feedback_current_ticket')).error).toBeUndefined();
      // What the previous version stored: a replaced score and the current one, an SLA outcome, a script use.
      await db
        .insertInto('events')
        .values([
          eventRow('e-old', 'o', 'feedback'),
          eventRow('e-new', 'o', 'feedback'),
          eventRow('e-sla', 'o', 'sla'),
          eventRow('e-use', 'o', 'script_usage'),
        ])
        .execute();
      await db
        .insertInto('feedback')
        .values([feedbackRow('e-old', 'o', 0), feedbackRow('e-new', 'o', 1)])
        .execute();
      const sla: Omit<SlaOutcomesTable, 'event_id' | 'cycle'> = {
        org_id: 'o',
        team_id: 't',
        agent_id: 'u',
        helpdesk: 'zendesk',
        ticket_id: '42',
        metric: 'first_reply_time',
        state: 'fulfilled',
        breached: 1,
        elapsed_ms: 7_200_000,
        occurred_at: AT,
      };
      await db
        .insertInto('sla_outcomes')
        .values({ event_id: 'e-sla', ...sla, cycle: 2 })
        .execute();
      const use: Omit<ScriptUsageTable, 'event_id'> = {
        org_id: 'o',
        team_id: 't',
        agent_id: 'u',
        helpdesk: 'zendesk',
        ticket_id: '42',
        script_id: 'refund-en',
        script_version: 3,
        action: 'inserted',
        edited: 1,
        occurred_at: AT,
      };
      await db
        .insertInto('script_usage')
        .values({ event_id: 'e-use', ...use })
        .execute();
      const snapshot = async () => ({
        events: await db.selectFrom('events').selectAll().orderBy('id').execute(),
        feedback: await db.selectFrom('feedback').selectAll().orderBy('event_id').execute(),
        sla: await db.selectFrom('sla_outcomes').selectAll().execute(),
        usage: await db.selectFrom('script_usage').selectAll().execute(),
      });
      const before = await snapshot();
      const indexesBefore = await secondaryIndexes(db, kind);
      expect(Object.keys(indexesBefore)).toContain('feedback_one_current');

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect(await secondaryIndexes(db, kind)).toEqual(indexesBefore);

      // Another org may hold the same ids; one org may not hold one id twice.
      await db
        .insertInto('events')
        .values(eventRow('e-sla', 'other', 'sla'))
        .execute();
      await db
        .insertInto('sla_outcomes')
        .values({ event_id: 'e-sla', ...sla, org_id: 'other', cycle: 1 })
        .execute();
      await db
        .insertInto('feedback')
        .values({ ...feedbackRow('e-new', 'other', 1), agent_id: 'v' })
        .execute();
      await db
        .insertInto('script_usage')
        .values({ event_id: 'e-use', ...use, org_id: 'other' })
        .execute();
      await expect(
        db
          .insertInto('events')
          .values(eventRow('e-sla', 'o', 'sla'))
          .execute(),
      ).rejects.toThrow();
      await expect(
        db
          .insertInto('script_usage')
          .values({ event_id: 'e-use', ...use })
          .execute(),
      ).rejects.toThrow();
      // The rebuilt indexes still hold: one counted score per agent, ticket and round.
      await expect(
        db
          .insertInto('feedback')
          .values(feedbackRow('e-third', 'o', 1))
          .execute(),
      ).rejects.toThrow();
    });
  });
}
