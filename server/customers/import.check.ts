import { on } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk-insert';
import type { CustomerImportRowsTable, Database } from '../db/schema';
import { type CheckedRow, ImportFileError, keepFirst, type RowTally, recordProblem } from './import.rows';
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
const CHECKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

const STAGE = {
  table: 'customer_import_rows' as const,
  columns: ['import_id', 'customer_id', 'line', 'email', 'helpdesk', 'requester_id', 'profile'] as const,
  suffix: 'on conflict ("import_id", "customer_id") do nothing returning "customer_id"',
};

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

/** Stages one chunk of good rows; a customer listed twice is caught here (within the chunk) or by the table's key. */
async function stage(
  db: Kysely<Database>,
  importId: string,
  chunk: CheckedRow[],
  found: { skipped: number; staged: number; problem: (line: number, message: string) => void },
) {
  // Two lines of one chunk with the same id: the later one is the duplicate.
  const firstInChunk = new Map<string, number>();
  const unique: CustomerImportRowsTable[] = [];
  for (const row of chunk) {
    const earlier = firstInChunk.get(row.customer_id);
    if (earlier !== undefined) {
      found.problem(row.line, `Customer ${row.customer_id} is already on line ${earlier}`);
      found.skipped += 1;
    } else {
      firstInChunk.set(row.customer_id, row.line);
      unique.push({ ...row, import_id: importId });
    }
  }
  const stored = await bulkInsert<'customer_import_rows', { customer_id: string }>(db, STAGE, unique);
  const storedIds = new Set(stored.map((r) => r.customer_id));
  const repeated = unique.filter((r) => !storedIds.has(r.customer_id));
  if (repeated.length) {
    const first = await db
      .selectFrom('customer_import_rows')
      .select(['customer_id', 'line'])
      .where('import_id', '=', importId)
      .where(
        'customer_id',
        'in',
        repeated.map((r) => r.customer_id),
      )
      .execute();
    const lineOf = new Map(first.map((r) => [r.customer_id, r.line]));
    for (const row of repeated) {
      found.problem(row.line, `Customer ${row.customer_id} is already on line ${lineOf.get(row.customer_id) ?? '?'}`);
      found.skipped += 1;
    }
  }
  found.staged += stored.length;
}

/**
 * Reads a spooled CRM export, validates each line with the shared CustomerProfile schema and writes the good ones
 * into customer_import_rows, 500 per statement. No customer is touched: a bad file changes nothing.
 *
 * Parsing and validating run on a thread of their own with a small, capped heap that is thrown away when the file
 * is read: they allocate several kilobytes of short-lived objects per line, and in the server's own heap that
 * made V8 grow its young and old generations by over 100 MiB for a 100,000-line file and keep them. The server's
 * thread only writes the chunks the checker hands over, one at a time.
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
