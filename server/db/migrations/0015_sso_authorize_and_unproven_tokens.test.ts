import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { newToken, storeToken } from '../../auth/tokens';
import { createTestDatabase, type TestDatabase } from '../../testing';
import { migrationProvider } from '../migrations';
import type { Database } from '../schema';

describe('upgrading a server that enrolled browsers without proof', () => {
  let testDb: TestDatabase;
  let db: Kysely<Database>;
  afterEach(async () => {
    await db?.destroy();
    await testDb?.drop();
  });

  it('revokes every token the old enrollment issued, and only those, and gives sign-ins their start URL', async () => {
    testDb = await createTestDatabase('sqlite');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(testDb.url) }) });
    const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
    // The database as the previous version left it, with what its enrollment route wrote.
    expect((await migrator.migrateTo('0014_single_sign_on')).error).toBeUndefined();
    const at = new Date().toISOString();
    await db.insertInto('orgs').values({ id: 'o', name: 'Acme', created_at: at }).execute();
    await db
      .insertInto('teams')
      .values({ id: 't', org_id: 'o', name: 'Tier 1', slug: 'tier-1', created_at: at })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: 'u',
        org_id: 'o',
        team_id: 't',
        email: 'bo@acme.test',
        name: 'Bo',
        role: 'agent',
        password_hash: null,
        created_at: at,
      })
      .execute();
    const row = { org_id: 'o', user_id: 'u', team_id: 't', kind: 'agent' as const, expires_at: null };
    const unproven = await storeToken(db, newToken('agent'), { ...row, label: 'Enrolled browser (helpdesk user 9)' });
    const byAdmin = await storeToken(db, newToken('agent'), { ...row, label: 'Bo laptop' });

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const tokens = await db.selectFrom('api_tokens').select(['id', 'revoked_at']).execute();
    expect(Object.fromEntries(tokens.map((r) => [r.id, Boolean(r.revoked_at)]))).toEqual({
      [unproven]: true,
      [byAdmin]: false,
    });
    const columns = await db.introspection.getTables();
    expect(columns.find((t) => t.name === 'sso_requests')?.columns.map((c) => c.name)).toContain('authorization_url');
  });
});
