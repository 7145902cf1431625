import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Before 0013, POST /api/v1/enroll gave a working token for whatever email the caller typed, so a token it issued
    // says nothing about who holds it. They all stop now; each browser proves who uses it again (its queued scores
    // wait in the browser meanwhile). Tokens issued by an admin keep working.
    await sql`update api_tokens set revoked_at = ${new Date().toISOString()}
      where kind = 'agent' and revoked_at is null and label like 'Enrolled browser%'`.execute(db);
  },
};

export default migration;
