import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Alert rules leads read and admins manage (server/alerts); the condition is JSON (lib/schema/alerts.ts).
    await db.schema
      .createTable('alert_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('sla_metric', 'text')
      .addColumn('scope_type', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text')
      .addColumn('each_team', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('condition', 'text', (c) => c.notNull())
      .addColumn('window_days', 'integer', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('minimum_n', 'integer', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alert_rules_org').on('alert_rules').columns(['org_id', 'name']).execute();

    // One row per firing. `firing_key` (rule, subject, window) is unique: when several instances evaluate the same
    // rule at once, exactly one insert wins and only that one opens an improvement action.
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('firing_key', 'text', (c) => c.notNull().unique())
      .addColumn('rule_name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('sla_metric', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('agent_id', 'text')
      .addColumn('tier_id', 'text')
      .addColumn('value', 'double precision')
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('previous_value', 'double precision')
      .addColumn('previous_n', 'integer')
      .addColumn('window_from', 'text', (c) => c.notNull())
      .addColumn('window_to', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('fired_at', 'text', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addColumn('action_id', 'text')
      .execute();
    await db.schema.createIndex('alerts_org_time').on('alerts').columns(['org_id', 'fired_at', 'id']).execute();

    await db.schema
      .createTable('improvement_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text')
      .addColumn('scope_type', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text')
      .addColumn('problem', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text')
      .addColumn('planned_date', 'text')
      .addColumn('actual_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('evidence_text', 'text', (c) => c.notNull())
      .addColumn('evidence_links', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('improvement_actions_org_time')
      .on('improvement_actions')
      .columns(['org_id', 'created_at', 'id'])
      .execute();

    // Ranking bands, the action due time and the small-sample flag, per organisation (defaults when no row).
    await db.schema
      .createTable('quality_settings')
      .addColumn('org_id', 'text', (c) => c.primaryKey())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

export default migration;
