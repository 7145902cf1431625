import { type Kysely, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { DIMENSION_COLUMNS } from './dimension-columns';

/**
 * One set of migrations for SQLite and PostgreSQL: only portable types (text, integer) and plain indexes.
 * Never edit a migration that has shipped; add the next number.
 */
const migrations: Record<string, Migration> = {
  '0001_identity_and_feedback': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('orgs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('teams_org_slug', ['org_id', 'slug'])
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('users_org_email', ['org_id', 'email'])
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('helpdesk', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('events_org_type_time')
        .on('events')
        .columns(['org_id', 'type', 'occurred_at'])
        .execute();
      await db.schema
        .createTable('feedback')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text')
        .addColumn('agent_id', 'text', (c) => c.notNull())
        .addColumn('helpdesk', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('round', 'text', (c) => c.notNull())
        .addColumn('csat', 'integer', (c) => c.notNull())
        .addColumn('nps', 'integer')
        .addColumn('dimensions', 'text')
        .addColumn('comment', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('customer_email', 'text')
        .addColumn('tier_id', 'text')
        .addColumn('retracted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .execute();
      // Finding "the agent's current score for this ticket" on every ingest.
      await db.schema
        .createIndex('feedback_agent_ticket')
        .on('feedback')
        .columns(['agent_id', 'helpdesk', 'ticket_id', 'round'])
        .execute();
      // Team stats over a period read only current scores.
      await db.schema
        .createIndex('feedback_team_current_time')
        .on('feedback')
        .columns(['team_id', 'is_current', 'occurred_at'])
        .execute();
    },
  },
};

migrations['0002_scripts'] = {
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

migrations['0003_team_config'] = {
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

migrations['0004_customers'] = {
  async up(db: Kysely<unknown>) {
    // Customer attributes from the CRM, looked up by helpdesk requester id or by email to evaluate tiers.
    await db.schema
      .createTable('customers')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('helpdesk', 'text')
      .addColumn('requester_id', 'text')
      /** CustomerProfile (lib/schema/tiers.ts) as JSON. */
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('customers_pk', ['org_id', 'id'])
      .execute();
    await db.schema.createIndex('customers_org_email').on('customers').columns(['org_id', 'email']).execute();
    await db.schema
      .createIndex('customers_org_requester')
      .on('customers')
      .columns(['org_id', 'helpdesk', 'requester_id'])
      .execute();
  },
};

migrations['0005_access'] = {
  async up(db: Kysely<unknown>) {
    // Leads may lead several teams; an agent's own team stays users.team_id.
    await db.schema
      .createTable('team_leads')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
      .addPrimaryKeyConstraint('team_leads_pk', ['user_id', 'team_id'])
      .execute();
    // Console sessions: the cookie holds a random secret, only its sha256 is stored.
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    // Who changed what, for trainer and admin changes; append-only.
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_org_time').on('audit_log').columns(['org_id', 'at']).execute();
  },
};

migrations['0011_ingest_ticket_index'] = {
  async up(db: Kysely<unknown>) {
    // Ingest finds an agent's earlier scores for the batch's tickets. Led by the ticket, the lookup probes
    // a handful of rows per ticket; led by the agent it read every score that agent ever captured.
    await db.schema.dropIndex('feedback_agent_ticket').execute();
    await db.schema
      .createIndex('feedback_ticket_agent')
      .on('feedback')
      .columns(['ticket_id', 'agent_id', 'helpdesk', 'round'])
      .execute();
    // At most one counted score per agent, ticket and round, enforced by the database: two instances
    // deciding concurrently cannot both make their score current; the loser retries and sees the winner.
    // Earlier data is made to satisfy it first (the newest current row stays current).
    await sql`
      update feedback set is_current = 0
      where is_current = 1 and exists (
        select 1 from feedback newer
        where newer.agent_id = feedback.agent_id and newer.helpdesk = feedback.helpdesk
          and newer.ticket_id = feedback.ticket_id and newer.round = feedback.round and newer.is_current = 1
          and (newer.occurred_at > feedback.occurred_at
            or (newer.occurred_at = feedback.occurred_at and newer.event_id > feedback.event_id)))`.execute(db);
    await db.schema
      .createIndex('feedback_one_current')
      .unique()
      .on('feedback')
      .columns(['agent_id', 'helpdesk', 'ticket_id', 'round'])
      .where(sql.ref('is_current'), '=', 1)
      .execute();
  },
};

migrations['0010_stats'] = {
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

migrations['0006_identity'] = {
  async up(db: Kysely<unknown>) {
    // Deactivated users keep their history (scores stay credited to them) but can no longer sign in or sync.
    await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

migrations['0012_feedback_customer_indexes'] = {
  async up(db: Kysely<unknown>) {
    // The badge's "last CSAT / NPS" asks for a customer's newest counted score, by email or helpdesk requester id.
    await db.schema
      .createIndex('feedback_customer_email')
      .on('feedback')
      .columns(['org_id', 'customer_email', 'occurred_at'])
      .execute();
    await db.schema
      .createIndex('feedback_customer_id')
      .on('feedback')
      .columns(['org_id', 'helpdesk', 'customer_id', 'occurred_at'])
      .execute();
  },
};
