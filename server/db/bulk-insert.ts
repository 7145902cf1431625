import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from './schema';

/**
 * Multi-row INSERT built as text once per shape. Ingest writes hundreds of rows a batch; building them through
 * Kysely's query tree cost more CPU than the database spent storing them. On SQLite the rows are flat parameters of
 * a VALUES list; on PostgreSQL each column is one array parameter read back with `unnest`, so a 100-row batch of a
 * 24-column table binds 24 parameters instead of 2,400 and one statement text serves every batch size (about 10 %
 * less time per INSERT, measured in issue 17's notes). Column names come from this codebase, never from a request,
 * and every value is a bound parameter.
 */
export interface BulkInsert<Table extends keyof Database> {
  table: Table;
  columns: readonly (keyof Database[Table] & string)[];
  /**
   * The integer columns among `columns` (every other one is text: migrations use only those two types). PostgreSQL
   * needs each array's element type; a column missing here fails on PostgreSQL at once, naming it.
   */
  integers?: readonly (keyof Database[Table] & string)[];
  /** e.g. `on conflict ("org_id", "id") do nothing returning "id"`: fixed text from this codebase. */
  suffix?: string;
}

/**
 * Statement texts per shape and row count. A 500-row INSERT of a wide table is ~100 KB of text and every batch size
 * is its own text, so the cache is capped by size: the sizes a server actually sees stay, rare ones are rebuilt.
 */
const statements = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (text) => text.length });

type Shape = { table: string; columns: readonly string[]; integers?: readonly string[]; suffix?: string };

function statementFor(insert: Shape, postgres: boolean, rows: number) {
  const { table, columns } = insert;
  const suffix = insert.suffix ?? '';
  const key = `${postgres ? `pg|${insert.integers?.join(',')}` : `sqlite|${rows}`}|${table}|${columns.join(',')}|${suffix}`;
  let text = statements.get(key);
  if (!text) {
    const names = columns.map((c) => `"${c}"`).join(', ');
    if (postgres) {
      const integers = new Set<string>(insert.integers ?? []);
      const arrays = columns.map((c, i) => `$${i + 1}::${integers.has(c) ? 'integer' : 'text'}[]`).join(', ');
      text = `insert into "${table}" (${names}) select * from unnest(${arrays}) ${suffix}`.trim();
    } else {
      const row = `(${columns.map(() => '?').join(', ')})`;
      text =
        `insert into "${table}" (${names}) values ${Array.from({ length: rows }, () => row).join(', ')} ${suffix}`.trim();
    }
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
  const text = statementFor(insert, postgres, rows.length);
  const parameters: unknown[] = postgres
    ? insert.columns.map((column) => rows.map((row) => row[column] ?? null))
    : rows.flatMap((row) => insert.columns.map((column) => row[column] ?? null));
  const result = await db.executeQuery<Returned>(CompiledQuery.raw(text, parameters));
  return result.rows;
}
