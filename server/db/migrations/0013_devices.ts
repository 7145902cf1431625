import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per browser that asked to be bound to a person (approval, password or SSO), so leads can see,
    // approve, reject and revoke their team's browsers, and the audit trail names the device behind each token.
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('helpdesk_user_id', 'text')
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      // sha256 of the secret the browser proves itself with when it asks whether it was approved.
      .addColumn('secret_hash', 'text', (c) => c.unique())
      .addColumn('enrollment_token_id', 'text', (c) => c.notNull())
      .addColumn('token_id', 'text')
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('requested_from', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('reason', 'text')
      .addColumn('claimed_at', 'text')
      .execute();
    await db.schema
      .createIndex('devices_team_status')
      .on('devices')
      .columns(['org_id', 'team_id', 'status', 'requested_at'])
      .execute();
    await db.schema.createIndex('devices_user').on('devices').columns(['user_id', 'status']).execute();
  },
};

export default migration;
