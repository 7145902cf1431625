import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely prepares every query afresh; SQLite's prepare of a multi-row INSERT costs as much as running it.
 * Kysely holds one connection and runs one query at a time on it, so a statement is never reused while
 * another use of it is still iterating. Least recently used statements are dropped past `capacity`.
 */
export function withStatementCache(database: SQLiteDatabase, capacity = 200): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= capacity) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
