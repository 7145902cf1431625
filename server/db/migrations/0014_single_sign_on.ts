import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // How browsers of the organisation prove who they are, and its OpenID provider (the client secret apart, so
    // it is never part of what the API answers).
    await db.schema
      .createTable('identity_settings')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
      .addColumn('preferred_mode', 'text', (c) => c.notNull())
      .addColumn('allowed_modes', 'text', (c) => c.notNull())
      .addColumn('oidc', 'text')
      .addColumn('oidc_client_secret', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // One browser's sign-in at the identity provider, from start to the token; short-lived.
    await db.schema
      .createTable('sso_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('enrollment_token_id', 'text', (c) => c.notNull())
      .addColumn('state_hash', 'text', (c) => c.notNull().unique())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('pkce_verifier', 'text', (c) => c.notNull())
      .addColumn('redirect_uri', 'text', (c) => c.notNull())
      .addColumn('client_challenge', 'text', (c) => c.notNull())
      .addColumn('requested_from', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('code_hash', 'text')
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema.createIndex('sso_requests_expiry').on('sso_requests').column('expires_at').execute();
  },
};

export default migration;
