import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Request counts per limiter key and window, shared by every instance on one PostgreSQL (server/ratelimit).
    await db.schema
      .createTable('rate_limit_hits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      /** When the window ends, as an ISO instant (sorts like the time it names). */
      .addColumn('reset_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_limit_hits_reset').on('rate_limit_hits').column('reset_at').execute();
    // Counts a crash may lose are not worth a write-ahead log entry on every request.
    if (db.getExecutor().adapter instanceof PostgresAdapter)
      await sql`alter table rate_limit_hits set unlogged`.execute(db);
  },
};

export default migration;
