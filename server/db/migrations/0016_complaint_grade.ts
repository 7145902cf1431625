import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { DIMENSION_COLUMNS } from '../dimension-columns';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // The overlay's grade of the customer's message (urgent / important / normal) when the score was recorded:
    // leads read the complaint rate and the grade mix next to satisfaction.
    await db.schema.alterTable('feedback').addColumn('complaint_grade', 'text').execute();
    // The covering stats indexes gain the grade, so complaint figures are read from the index like the rest.
    const figures = ['csat', 'nps', 'complaint_grade', ...DIMENSION_COLUMNS];
    await db.schema.dropIndex('feedback_stats_team').execute();
    await db.schema.dropIndex('feedback_stats_agent').execute();
    await db.schema
      .createIndex('feedback_stats_team')
      .on('feedback')
      .columns(['org_id', 'team_id', 'occurred_at', 'round', 'agent_id', 'tier_id', ...figures])
      .where(sql.ref('is_current'), '=', 1)
      .execute();
    await db.schema
      .createIndex('feedback_stats_agent')
      .on('feedback')
      .columns(['org_id', 'agent_id', 'occurred_at', 'round', 'team_id', 'tier_id', ...figures])
      .where(sql.ref('is_current'), '=', 1)
      .execute();
  },
};

export default migration;
