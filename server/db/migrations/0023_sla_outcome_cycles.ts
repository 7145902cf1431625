import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // A reopened ticket's clocks start new cycles (next reply, updates, another stretch of waiting); each cycle is an
    // outcome of its own in a lead's attainment. Outcomes stored before cycles were counted are first cycles.
    await db.schema
      .alterTable('sla_outcomes')
      .addColumn('cycle', 'integer', (column) => column.notNull().defaultTo(1))
      .execute();
  },
};

export default migration;
