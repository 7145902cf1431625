import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { rebuildRollups } from '../../stats/rollups';
import { ROLLUP_KEY, SUM_COLUMN_NAMES } from '../rollup-columns';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Daily and monthly sums of counted scores per team and agent (server/stats/rollups.ts), kept current by
    // ingest in the same transaction as the scores, so a year of figures reads a few thousand rows, not 100,000.
    let table = db.schema
      .createTable('feedback_rollups')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('grain', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('tier_id', 'text', (c) => c.notNull())
      .addColumn('round', 'text', (c) => c.notNull());
    for (const name of SUM_COLUMN_NAMES) table = table.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
    await table.addPrimaryKeyConstraint('feedback_rollups_key', [...ROLLUP_KEY]).execute();
    // One agent's figures (an agent filter), and the whole organisation over a period.
    await db.schema
      .createIndex('feedback_rollups_agent')
      .on('feedback_rollups')
      .columns(['org_id', 'grain', 'agent_id', 'bucket'])
      .execute();
    await db.schema
      .createIndex('feedback_rollups_period')
      .on('feedback_rollups')
      .columns(['org_id', 'grain', 'bucket'])
      .execute();
    await rebuildRollups(db);
  },
};

export default migration;
