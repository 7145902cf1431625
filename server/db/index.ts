import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';
import { withStatementCache } from './sqlite-statements';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close: () => Promise<void>;
}

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** Open the database named by DATABASE_URL and bring its schema up to date. */
export async function openDatabase(url: string): Promise<OpenDatabase> {
  const kind = databaseKind(url);
  let db: Kysely<Database>;
  if (kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // A request waits at most this long for a connection, then answers 503 instead of hanging.
      connectionTimeoutMillis: 10_000,
      // PostgreSQL's default planner costs assume spinning disks, so it prefers scanning a whole table to
      // probing an index for a batch of tickets; the working set here is in memory or on SSD. JIT compiling
      // a stats aggregate costs more (~170 ms) than running it. The URL's own `options`, when given, wins.
      ...(new URL(url).searchParams.has('options') ? {} : { options: '-c random_page_cost=1.1 -c jit=off' }),
    });
    // An idle connection the database closed (a restart, a failover) is reported here; without a listener that
    // report would end the process. The pool drops the connection and opens a new one for the next query, whose
    // own error, if the database is still away, is what the request answers (503).
    pool.on('error', () => undefined);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const file = url === ':memory:' ? url : resolve(url.replace(/^sqlite:(\/\/)?/, ''));
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    // WAL lets readers (stats) run while ingest writes; NORMAL sync is durable across process crashes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  // Migrations written on parallel branches land in any order; each still runs exactly once.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { db, kind, close: () => db.destroy() };
}
