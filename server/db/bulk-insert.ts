import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from './schema';

/**
 * Multi-row INSERT built as text once per shape and run with flat parameters. Ingest writes hundreds of rows a
 * batch; building them through Kysely's query tree cost more CPU than the database spent storing them.
 * Column names come from this codebase, never from a request, and every value is a bound parameter.
 */
export interface BulkInsert<Table extends keyof Database> {
  table: Table;
  columns: readonly (keyof Database[Table] & string)[];
  /** e.g. `on conflict ("org_id", "id") do nothing returning "id"`: fixed text from this codebase. */
  suffix?: string;
}

/**
 * Statement texts per shape and row count. A 500-row INSERT of a wide table is ~100 KB of text and every batch size
 * is its own text, so the cache is capped by size: the sizes a server actually sees stay, rare ones are rebuilt.
 */
const statements = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (text) => text.length });

function statementFor(postgres: boolean, table: string, columns: readonly string[], rows: number, suffix: string) {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}|${suffix}`;
  let text = statements.get(key);
  if (!text) {
    let n = 0;
    const row = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
    const values = Array.from({ length: rows }, row).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values} ${suffix}`.trim();
    statements.set(key, text);
  }
  return text;
}

export async function bulkInsert<Table extends keyof Database & string, Returned = never>(
  db: Kysely<Database>,
  insert: BulkInsert<Table>,
  rows: readonly Database[Table][],
): Promise<Returned[]> {
  if (rows.length === 0) return [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const text = statementFor(postgres, insert.table, insert.columns, rows.length, insert.suffix ?? '');
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of insert.columns) parameters.push(row[column] ?? null);
  const result = await db.executeQuery<Returned>(CompiledQuery.raw(text, parameters));
  return result.rows;
}
