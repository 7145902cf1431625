import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Every edit is a new version row; the catalog serves the newest published version of each script.
    await db.schema
      .createTable('scripts')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      /** JSON array of team ids the script is published to; empty means every team. */
      .addColumn('team_ids', 'text', (c) => c.notNull())
      /** The whole ScriptEntry as JSON (lib/schema/scripts.ts). */
      .addColumn('entry', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scripts_pk', ['org_id', 'id', 'version'])
      .execute();
    await db.schema.createIndex('scripts_org_status').on('scripts').columns(['org_id', 'status']).execute();
  },
};

export default migration;
