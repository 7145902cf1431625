import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Fleet health: one row per browser (its agent token), rewritten on each catalog pull, so admins see which
    // browsers checked in, with what DeskLens version, and what waits or was refused in their outbox.
    await db.schema
      .createTable('browser_checkins')
      .addColumn('token_id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('team_id', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('extension_version', 'text')
      .addColumn('queued', 'integer')
      .addColumn('rejected', 'integer')
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('browser_checkins_org_seen')
      .on('browser_checkins')
      .columns(['org_id', 'last_seen_at'])
      .execute();
  },
};

export default migration;
