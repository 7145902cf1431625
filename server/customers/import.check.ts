import { on } from 'node:events';
import { Worker } from 'node:worker_threads';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../db/schema';
import { ImportFileError, keepFirst, type RowTally, recordProblem } from './import.rows';
import type { RowsMessage } from './import.rows.worker';

export { ImportFileError };

/** What checking a file found: everything of the report but the counts that only applying knows. */
export interface CheckedFile extends Omit<RowTally, 'bytesChecked'> {
  /** Good rows now waiting in customer_import_rows. */
  staged: number;
}

export interface CheckProgress {
  bytesChecked: number;
  rowsChecked: number;
}

/**
 * The checker thread's memory: reading a file holds one chunk, the parser's buffer and the first problems, so
 * these caps leave it room many times over while keeping a 200 MB import from growing the server by more.
 */
const CHECKER_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };

/**
 * The checker runs TypeScript like the server: under the tsx loader the server was started with, or, when the
 * server runs inside another runner (vitest), with tsx registered for the thread.
 */
function startChecker(path: string) {
  const underTsx = process.execArgv.some((arg) => arg === 'tsx' || arg.includes('/tsx/'));
  return new Worker(new URL('./import.rows.worker.ts', import.meta.url), {
    workerData: { path },
    resourceLimits: CHECKER_LIMITS,
    ...(underTsx ? {} : { execArgv: ['--import', import.meta.resolve('tsx')] }),
  });
}

/**
 * A chunk's rows as a table, unpacked from its JSON text by the database: SQLite's json_each, PostgreSQL's
 * json_to_recordset. Columns: customer_id, line, email, helpdesk, requester_id, profile.
 */
function chunkTable(postgres: boolean, json: string) {
  return postgres
    ? sql`json_to_recordset(cast(${json} as json)) as j(customer_id text, line integer, email text, helpdesk text, requester_id text, profile text)`
    : sql`(select value ->> 'customer_id' as customer_id, value ->> 'line' as line, value ->> 'email' as email,
        value ->> 'helpdesk' as helpdesk, value ->> 'requester_id' as requester_id, value ->> 'profile' as profile
        from json_each(${json})) as j`;
}

/**
 * Stages one chunk of good rows in file order. A customer listed twice, within the chunk or in an earlier one, is
 * caught by the table's key; the lines that lost are then looked up (only those come back to the server).
 */
async function stage(
  db: Kysely<Database>,
  importId: string,
  json: string,
  found: { skipped: number; staged: number; problem: (line: number, message: string) => void },
) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const rows = chunkTable(postgres, json);
  // `where true`: SQLite needs it to read the `on conflict` that follows a select as the upsert clause.
  const stored = await sql`insert into customer_import_rows
      (import_id, customer_id, line, email, helpdesk, requester_id, profile)
    select cast(${importId} as text), j.customer_id, j.line, j.email, j.helpdesk, j.requester_id, j.profile
    from ${rows} where true order by j.line
    on conflict (import_id, customer_id) do nothing`.execute(db);
  found.staged += Number(stored.numAffectedRows ?? 0);
  // `cross join` keeps SQLite's planner from scanning the import's staged rows once per line of the chunk.
  const repeated = await sql<{ line: number; customer_id: string; first: number }>`select j.line, j.customer_id,
      r.line as first
    from ${rows} cross join customer_import_rows r
    where r.import_id = ${importId} and r.customer_id = j.customer_id and r.line <> j.line
    order by j.line`.execute(db);
  for (const row of repeated.rows) {
    found.problem(Number(row.line), `Customer ${row.customer_id} is already on line ${row.first}`);
    found.skipped += 1;
  }
}

/**
 * Reads a spooled CRM export, validates each line with the shared CustomerProfile schema and writes the good ones
 * into customer_import_rows, 500 per statement. No customer is touched: a bad file changes nothing.
 *
 * Parsing and validating run on a thread of their own with a small, capped heap that is thrown away when the file
 * is read: they allocate several kilobytes of short-lived objects per line, and in the server's own heap that
 * made V8 grow its young and old generations by over 100 MiB for a 100,000-line file and keep them. The server's
 * thread only passes on the chunks the checker hands over, one at a time, each one JSON text for the database.
 */
export async function checkFile(
  db: Kysely<Database>,
  importId: string,
  path: string,
  onProgress: (progress: CheckProgress) => Promise<void>,
  signal: AbortSignal,
): Promise<CheckedFile> {
  const duplicates: Pick<RowTally, 'errorCount' | 'errors'> = { errorCount: 0, errors: [] };
  const found = {
    skipped: 0,
    staged: 0,
    problem: (line: number, message: string) => recordProblem(duplicates, { line, field: 'id', message }),
  };
  const checker = startChecker(path);
  let tally: RowTally | undefined;
  try {
    for await (const [message] of on(checker, 'message', { signal, close: ['exit'] }) as AsyncIterable<[RowsMessage]>) {
      if (message.type === 'fileError') throw new ImportFileError(message.message);
      if (message.type === 'end') {
        tally = message.tally;
        break;
      }
      await stage(db, importId, message.rows, found);
      await onProgress({ bytesChecked: message.bytesChecked, rowsChecked: message.rowsChecked });
      signal.throwIfAborted();
      checker.postMessage('next');
    }
  } finally {
    await checker.terminate();
  }
  if (!tally) throw new Error('The import checker stopped before the end of the file.');
  for (const problem of duplicates.errors) keepFirst(tally.errors, problem);
  const { bytesChecked: _, ...counts } = tally;
  return {
    ...counts,
    errorCount: counts.errorCount + duplicates.errorCount,
    skipped: counts.skipped + found.skipped,
    staged: found.staged,
  };
}
