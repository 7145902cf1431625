import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Configuration pushed to extensions: one row for the org (team_id '') and one per team that overrides it.
    await db.schema
      .createTable('team_config')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_config_pk', ['org_id', 'team_id'])
      .execute();
  },
};

export default migration;
