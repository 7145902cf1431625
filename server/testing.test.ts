import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresUnavailableReason, TEST_POSTGRES_URL, withTestDatabase } from './testing';

describe('withTestDatabase', () => {
  it('gives a throwaway SQLite file and removes it afterwards, even when the run throws', async () => {
    let file = '';
    const run = await withTestDatabase('sqlite', async (database) => {
      file = database.url;
      return 42;
    });
    expect(run).toEqual({ result: 42 });
    expect(file).not.toBe('');
    expect(existsSync(file)).toBe(false);
    await expect(
      withTestDatabase('sqlite', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('gives a fresh PostgreSQL database and drops it, or says why it skipped', async () => {
    const reason = await postgresUnavailableReason();
    let name = '';
    const run = await withTestDatabase('postgres', async (database) => {
      name = new URL(database.url).pathname.slice(1);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ db: string }>('select current_database() as db');
      await client.end();
      return rows[0]?.db;
    });
    if (reason) {
      expect(run).toEqual({ skipped: reason });
      return;
    }
    expect(run).toEqual({ result: name });
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    await admin.end();
    expect(rowCount).toBe(0);
  });
});
