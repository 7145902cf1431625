import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per organisation: its learned script priors, shipped with the catalog and shown to trainers.
    // Kept, not computed per catalog request: every agent pulls the catalog, the priors change slowly.
    await db.schema
      .createTable('script_priors')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('priors', 'text', (c) => c.notNull())
      .execute();
  },
};

export default migration;
