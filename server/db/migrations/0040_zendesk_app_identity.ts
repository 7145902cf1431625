import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // The organisation's Zendesk account and the public key of its DeskLens app (Zendesk signs each sidebar's
    // first request with the app's private key: "signed URLs"). One Zendesk account belongs to one organisation.
    await db.schema
      .createTable('zendesk_app_settings')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
      .addColumn('subdomain', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', (c) => c.notNull())
      /** Pins the app installation when set (the token's audience names it); any installation of the account else. */
      .addColumn('installation_id', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Which DeskLens user each Zendesk agent is: Zendesk's token names its user by id only, so an admin links
    // Zendesk user ids to DeskLens users (by their email) once.
    await db.schema
      .createTable('zendesk_agents')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('zendesk_user_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('linked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('zendesk_agents_pk', ['org_id', 'zendesk_user_id'])
      .execute();
    // Signed sidebar tokens already exchanged, until they expire: each one opens one session, once.
    await db.schema
      .createTable('zendesk_app_token_uses')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('zendesk_app_token_uses_expiry')
      .on('zendesk_app_token_uses')
      .column('expires_at')
      .execute();
  },
};

export default migration;
