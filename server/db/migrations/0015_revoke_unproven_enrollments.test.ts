import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { newToken, storeToken } from '../../auth/tokens';
import { seedDemo } from '../../demo/seed';
import { createTestDatabase, type TestDatabase } from '../../testing';
import { type OpenDatabase, openDatabase } from '..';
import { migrationProvider } from '../migrations';

describe('upgrading a server that enrolled browsers without proof', () => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  afterEach(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('revokes every token the old enrollment issued, and only those', async () => {
    testDb = await createTestDatabase('sqlite');
    database = await openDatabase(testDb.url);
    const demo = await seedDemo(database.db);
    const migrator = new Migrator({ db: database.db, provider: migrationProvider, allowUnorderedMigrations: true });
    // As if this migration had not run yet, with what the old route wrote.
    await sql`delete from kysely_migration where name = '0015_revoke_unproven_enrollments'`.execute(database.db);
    const row = {
      org_id: demo.orgId,
      user_id: 'user_demo_bo',
      team_id: demo.teamId,
      kind: 'agent' as const,
      expires_at: null,
    };
    const unproven = await storeToken(database.db, newToken('agent'), {
      ...row,
      label: 'Enrolled browser (helpdesk user 9)',
    });
    const byAdmin = await storeToken(database.db, newToken('agent'), { ...row, label: 'Bo laptop' });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const revoked = await database.db
      .selectFrom('api_tokens')
      .select(['id', 'revoked_at'])
      .where('id', 'in', [unproven, byAdmin])
      .execute();
    expect(Object.fromEntries(revoked.map((r) => [r.id, Boolean(r.revoked_at)]))).toEqual({
      [unproven]: true,
      [byAdmin]: false,
    });
  });
});
