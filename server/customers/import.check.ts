import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { CustomerImportReport } from '../../lib/schema/api';
import { HelpdeskId } from '../../lib/schema/ticket';
import { CustomerProfile } from '../../lib/schema/tiers';
import { bulkInsert } from '../db/bulk-insert';
import type { CustomerImportRowsTable, Database } from '../db/schema';
import { NUL_MESSAGE } from '../validation';
import { type ColumnTarget, columnTarget, KNOWN_COLUMNS } from './import.columns';

/** Rows per statement: one short write at a time, so other writers get the database between two. */
export const IMPORT_CHUNK = 500;
const LISTED_ERRORS = 100;

export class ImportFileError extends Error {}

type Problem = CustomerImportReport['errors'][number];

/** What checking a file found: everything of the report but the counts that only applying knows. */
export interface CheckedFile {
  rows: number;
  skipped: number;
  errorCount: number;
  /** The first problems by line (at most 100). */
  errors: Problem[];
  warnings: string[];
  /** Good rows now waiting in customer_import_rows. */
  staged: number;
}

export interface CheckProgress {
  bytesChecked: number;
  rowsChecked: number;
}

const STAGE = {
  table: 'customer_import_rows' as const,
  columns: ['import_id', 'customer_id', 'line', 'email', 'helpdesk', 'requester_id', 'profile'] as const,
  suffix: 'on conflict ("import_id", "customer_id") do nothing returning "customer_id"',
};

function orgValue(raw: string): string | number | boolean {
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

/** Keeps the problems with the lowest line numbers: duplicates are only known when their chunk is written. */
function keepFirst(errors: Problem[], problem: Problem) {
  if (errors.length >= LISTED_ERRORS && (errors.at(-1)?.line ?? 0) <= problem.line) return;
  const at = errors.findIndex((e) => e.line > problem.line);
  errors.splice(at === -1 ? errors.length : at, 0, problem);
  if (errors.length > LISTED_ERRORS) errors.pop();
}

/**
 * Reads a spooled CRM export line by line, validates each line with the shared CustomerProfile schema and writes
 * the good ones into customer_import_rows, 500 per statement. No customer is touched: a bad file changes nothing.
 * A customer listed twice is caught by that table's key, so memory holds one chunk and the first 100 problems,
 * whatever the size of the file.
 */
export async function checkFile(
  db: Kysely<Database>,
  importId: string,
  path: string,
  onProgress: (progress: CheckProgress) => Promise<void>,
  signal: AbortSignal,
): Promise<CheckedFile> {
  const checked: CheckedFile = { rows: 0, skipped: 0, errorCount: 0, errors: [], warnings: [], staged: 0 };
  const fail = (line: number, field: string, message: string) => {
    checked.errorCount += 1;
    keepFirst(checked.errors, { line, field, message });
  };
  let targets: (ColumnTarget | undefined)[] = [];
  let headerWidth = 0;
  const parser = createReadStream(path).pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }),
  );
  let chunk: CustomerImportRowsTable[] = [];
  let bytesChecked = 0;

  const flush = async () => {
    if (chunk.length === 0) return;
    // Two lines of one chunk with the same id: the later one is the duplicate.
    const firstInChunk = new Map<string, number>();
    const unique: CustomerImportRowsTable[] = [];
    for (const row of chunk) {
      const earlier = firstInChunk.get(row.customer_id);
      if (earlier !== undefined) {
        fail(row.line, 'id', `Customer ${row.customer_id} is already on line ${earlier}`);
        checked.skipped += 1;
      } else {
        firstInChunk.set(row.customer_id, row.line);
        unique.push(row);
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
        fail(row.line, 'id', `Customer ${row.customer_id} is already on line ${lineOf.get(row.customer_id) ?? '?'}`);
        checked.skipped += 1;
      }
    }
    checked.staged += stored.length;
    chunk = [];
    await onProgress({ bytesChecked, rowsChecked: checked.rows });
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; bytes: number };
    }>) {
      bytesChecked = info.bytes;
      if (targets.length === 0) {
        headerWidth = record.length;
        targets = record.map(columnTarget);
        const unknown = record.filter((_, i) => !targets[i]);
        if (unknown.length) {
          // Header names are shown back, and stored with the report: never a NUL, never a whole line of them.
          const names = unknown.map((name) => name.replaceAll('\u0000', '\ufffd').slice(0, 100));
          const shown = names.length > 20 ? [...names.slice(0, 20), `… ${names.length - 20} more`] : names;
          checked.warnings.push(`Ignored columns: ${shown.join(', ')} (known: ${KNOWN_COLUMNS.join(', ')})`);
        }
        if (!targets.some((t) => t?.kind === 'id')) throw new ImportFileError('The header has no "id" column.');
        continue;
      }
      checked.rows += 1;
      const line = info.lines;
      const errorsBefore = checked.errorCount;
      if (record.length !== headerWidth)
        fail(line, '(row)', `Expected ${headerWidth} fields like the header, got ${record.length}`);
      const profile: Record<string, unknown> = { tags: [], org: {} };
      let id = '';
      let helpdesk: string | null = null;
      let requesterId: string | null = null;
      record.forEach((raw, i) => {
        const target = targets[i];
        if (!target || raw === '') return;
        if (raw.includes('\u0000')) {
          fail(line, 'field' in target ? target.field : target.kind, NUL_MESSAGE);
          return;
        }
        switch (target.kind) {
          case 'id':
            id = raw;
            break;
          case 'helpdesk':
            helpdesk = raw.toLowerCase();
            break;
          case 'requesterId':
            requesterId = raw;
            break;
          case 'tags':
            profile.tags = raw
              .split(/[;|,]/)
              .map((t) => t.trim())
              .filter(Boolean);
            break;
          case 'number': {
            const value = Number(raw.replace(/[\s,](?=\d{3}\b)/g, ''));
            if (Number.isNaN(value)) fail(line, target.field, `"${raw.slice(0, 40)}" is not a number`);
            else profile[target.field] = value;
            break;
          }
          case 'org':
            (profile.org as Record<string, unknown>)[target.field] = orgValue(raw);
            break;
          default:
            profile[target.kind] = raw;
        }
      });
      if (!id) fail(line, 'id', 'Missing id');
      else if (id.length > 128) fail(line, 'id', 'Longer than 128 characters');
      if (helpdesk !== null && !HelpdeskId.safeParse(helpdesk).success)
        fail(line, 'helpdesk', `Unknown helpdesk "${helpdesk}" (zendesk, salesforce or generic)`);
      const parsed = CustomerProfile.safeParse({ ...profile, id: id || undefined });
      if (!parsed.success)
        for (const issue of parsed.error.issues) fail(line, issue.path.map(String).join('.') || '(row)', issue.message);
      if (checked.errorCount > errorsBefore || !parsed.success) {
        checked.skipped += 1;
        continue;
      }
      chunk.push({
        import_id: importId,
        customer_id: id,
        line,
        email: parsed.data.email?.toLowerCase() ?? null,
        helpdesk,
        requester_id: requesterId,
        profile: JSON.stringify(parsed.data),
      });
      if (chunk.length >= IMPORT_CHUNK) {
        await flush();
        signal.throwIfAborted();
      }
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof CsvError)
      throw new ImportFileError(
        `The file is not valid CSV near line ${(error as CsvError & { lines?: number }).lines ?? '?'}: ${error.message}`,
      );
    throw error;
  }
  if (targets.length === 0) throw new ImportFileError('The file is empty: expected a header row with an "id" column.');
  await flush();
  return checked;
}
