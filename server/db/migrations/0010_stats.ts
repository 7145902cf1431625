import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { DIMENSION_COLUMNS } from '../dimension-columns';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // The six dimensions as columns, so stats average them in SQL instead of parsing JSON per row.
    for (const dimension of DIMENSION_COLUMNS) {
      await db.schema.alterTable('feedback').addColumn(dimension, 'integer').execute();
    }
    // Team and agent stats read only counted scores over a period; these partial indexes hold every column
    // those queries need, so a period of one team is one index range and no table lookups.
    const figures = ['csat', 'nps', ...DIMENSION_COLUMNS];
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
    // Superseded by feedback_stats_team, and one index fewer to maintain on every ingest.
    await db.schema.dropIndex('feedback_team_current_time').execute();
    // One row per SLA outcome the extension reported (met or breached), credited to the reporting agent.
    await db.schema
      .createTable('sla_outcomes')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('helpdesk', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('breached', 'integer', (c) => c.notNull())
      .addColumn('elapsed_ms', 'integer')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sla_outcomes_team_time')
      .on('sla_outcomes')
      .columns(['org_id', 'team_id', 'occurred_at'])
      .execute();
    // One row per script insertion, copy or rating, to relate scripts to the scores of the same tickets.
    await db.schema
      .createTable('script_usage')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('helpdesk', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('script_id', 'text', (c) => c.notNull())
      .addColumn('script_version', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('edited', 'integer')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('script_usage_team_time')
      .on('script_usage')
      .columns(['org_id', 'team_id', 'occurred_at'])
      .execute();
    await db.schema
      .createIndex('script_usage_ticket')
      .on('script_usage')
      .columns(['org_id', 'helpdesk', 'ticket_id'])
      .execute();
  },
};

export default migration;
