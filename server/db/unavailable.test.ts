import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../start';
import { createTestDatabase, postgresUnavailableReason, TEST_POSTGRES_URL, type TestDatabase } from '../testing';

const skipPostgres = await postgresUnavailableReason();

/** Runs SQL as the administrator, on another database than the one the server uses. */
async function asAdministrator(text: string) {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe.skipIf(skipPostgres)('when PostgreSQL goes away and comes back', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let name: string;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    name = new URL(database.url).pathname.slice(1);
    server = await startServer({ databaseUrl: database.url, demo: true, logLevel: 'silent' });
  });
  afterAll(async () => {
    await asAdministrator(`alter database ${name} allow_connections true`).catch(() => undefined);
    await server?.close();
    await database?.drop();
  });

  const config = () =>
    fetch(`${server.url}/api/v1/config`, { headers: { authorization: `Bearer ${server.demo?.agentToken}` } });
  const cutConnections = () =>
    asAdministrator(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);

  it('survives its connections being cut, and answers from fresh ones', async () => {
    expect((await config()).status).toBe(200);
    // Every pooled connection is killed, as in a database restart; the idle ones report it to the pool.
    await cutConnections();
    await new Promise((done) => setTimeout(done, 200));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await config()).status);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
  });

  it('answers 503 with Retry-After while it cannot connect, then recovers by itself', async () => {
    await asAdministrator(`alter database ${name} allow_connections false`);
    await cutConnections();
    const refused = await config();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'database_unavailable' } });
    await asAdministrator(`alter database ${name} allow_connections true`);
    expect((await config()).status).toBe(200);
  });
});
