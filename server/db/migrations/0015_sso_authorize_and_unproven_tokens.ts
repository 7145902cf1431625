import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Where GET /api/v1/sso/authorize sends the browser: the provider's authorization URL for this sign-in (Firefox's
    // launchWebAuthFlow must start at a URL that names the extension's own redirect, so it starts at the backend).
    // Sign-ins are short-lived; any open when this runs have none and simply expire.
    await db.schema.alterTable('sso_requests').addColumn('authorization_url', 'text').execute();
    // Before 0013, POST /api/v1/enroll gave a working token for whatever email the caller typed, so a token it issued
    // says nothing about who holds it. They all stop now; each browser proves who uses it again (its queued scores
    // wait in the browser meanwhile). Tokens issued by an admin keep working.
    await sql`update api_tokens set revoked_at = ${new Date().toISOString()}
      where kind = 'agent' and revoked_at is null and label like 'Enrolled browser%'`.execute(db);
  },
};

export default migration;
