import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Deactivated users keep their history (scores stay credited to them) but can no longer sign in or sync.
    await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  },
};

export default migration;
