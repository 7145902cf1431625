import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { LRUCache } from 'lru-cache';

/**
 * Kysely prepares every query afresh; SQLite's prepare of a multi-row INSERT costs as much as running it.
 * Kysely holds one connection and runs one query at a time on it, so a statement is never reused while
 * another use of it is still iterating. Least recently used statements are dropped past `capacity`.
 */
export function withStatementCache(database: SQLiteDatabase, capacity = 200): SqliteDatabase {
  const cache = new LRUCache<string, Statement>({ max: capacity });
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
