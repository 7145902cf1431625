import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { newToken, storeToken } from './auth/tokens';
import type { DatabaseKind } from './db';
import type { Database } from './db/schema';

/** Where the server tests find PostgreSQL (trust auth on this project's machines). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let postgresReachable: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL answers; otherwise the reason the PostgreSQL runs are skipped. */
export function postgresUnavailableReason(): Promise<string | undefined> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL not reachable at ${TEST_POSTGRES_URL}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresReachable;
}

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/**
 * A throwaway database of the given kind: a temp SQLite file, or a fresh PostgreSQL database named `<prefix>_<random>`
 * (a run names its own prefix, so a database left behind says whose it is).
 */
export async function createTestDatabase(kind: DatabaseKind, prefix = 'desklens_test'): Promise<TestDatabase> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`Not a usable database name prefix: ${prefix}`);
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'desklens-db-'));
    return { url: join(dir, 'test.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        // A pool that was just closed may still be saying goodbye; forcing the drop then kills those connections
        // mid-close and their client raises an uncaught error. Wait for them first; force only as a last resort.
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name}`);
            break;
          } catch (error) {
            const inUse = (error as { code?: string }).code === '55006';
            if (!inUse) throw error;
            if (attempt >= 20) {
              await client.query(`drop database if exists ${name} with (force)`);
              break;
            }
            await new Promise((done) => setTimeout(done, 50));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** What `withTestDatabase` did: either ran `use` on a throwaway database, or skipped it and says why. */
export type TestDatabaseRun<T> = { skipped: string } | { skipped?: undefined; result: T };

/**
 * Runs `use` against a throwaway database of the given kind and always removes it afterwards. When the kind is
 * PostgreSQL and 127.0.0.1:5432 does not answer, nothing runs and the reason comes back as `skipped`.
 */
export async function withTestDatabase<T>(
  kind: DatabaseKind,
  use: (database: TestDatabase) => Promise<T>,
  prefix?: string,
): Promise<TestDatabaseRun<T>> {
  if (kind === 'postgres') {
    const reason = await postgresUnavailableReason();
    if (reason) return { skipped: reason };
  }
  const database = await createTestDatabase(kind, prefix);
  try {
    return { result: await use(database) };
  } finally {
    await database.drop();
  }
}

/**
 * A fresh API token for a seeded user (by email), for route tests that act as leads, trainers or admins.
 * Goes through the same storage as tokens issued by the console.
 */
export async function tokenForUser(db: Kysely<Database>, email: string): Promise<string> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'org_id', 'team_id'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (!user) throw new Error(`No seeded user ${email}`);
  const token = newToken('agent');
  await storeToken(db, token, {
    org_id: user.org_id,
    user_id: user.id,
    team_id: user.team_id,
    kind: 'agent',
    label: `test token for ${email}`,
    expires_at: null,
  });
  return token;
}
