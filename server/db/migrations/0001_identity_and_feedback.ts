import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
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
};

export default migration;
