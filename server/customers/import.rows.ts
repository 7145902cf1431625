import { createReadStream } from 'node:fs';
import { compose } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { CustomerImportReport } from '../../lib/schema/api';
import { HelpdeskId } from '../../lib/schema/ticket';
import { CustomerProfile } from '../../lib/schema/tiers';
import type { CustomerImportRowsTable } from '../db/schema';
import { NUL_MESSAGE } from '../validation';
import { type ColumnTarget, columnTarget, KNOWN_COLUMNS } from './import.columns';
import { NotUtf8, utf8Only } from './import.encoding';

/** Rows per statement: one short write at a time, so other writers get the database between two. */
export const IMPORT_CHUNK = 500;
/** The report lists this many problems (the lowest lines); errorCount says how many there were in all. */
export const LISTED_ERRORS = 100;

/**
 * Characters one line may hold. A customer's line is a few hundred; the bound keeps a file that is not a customer
 * export (or one long unclosed quote) from filling the checker's capped heap, and says so.
 */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Bytes read from the spooled file at a time (a read stream's default, stated because tests split characters on it). */
export const READ_CHUNK_BYTES = 64 * 1024;

export class ImportFileError extends Error {}

export type Problem = CustomerImportReport['errors'][number];

/** A good line, ready for customer_import_rows (the import's id is added by whoever writes it). */
export type CheckedRow = Omit<CustomerImportRowsTable, 'import_id'>;

/** What reading a file found so far: counts, the first problems and the header's warnings; no rows. */
export interface RowTally {
  rows: number;
  skipped: number;
  errorCount: number;
  /** The first problems by line (at most LISTED_ERRORS). */
  errors: Problem[];
  warnings: string[];
  bytesChecked: number;
}

export const emptyTally = (): RowTally => ({
  rows: 0,
  skipped: 0,
  errorCount: 0,
  errors: [],
  warnings: [],
  bytesChecked: 0,
});

/** Keeps a problem if it is among the LISTED_ERRORS lowest lines: duplicates are found out of order. */
export function keepFirst(errors: Problem[], problem: Problem) {
  if (errors.length >= LISTED_ERRORS && (errors.at(-1)?.line ?? 0) <= problem.line) return;
  const at = errors.findIndex((e) => e.line > problem.line);
  errors.splice(at === -1 ? errors.length : at, 0, problem);
  if (errors.length > LISTED_ERRORS) errors.pop();
}

export function recordProblem(tally: Pick<RowTally, 'errorCount' | 'errors'>, problem: Problem) {
  tally.errorCount += 1;
  keepFirst(tally.errors, problem);
}

/**
 * The forms a number column takes, as the docs list them: digits, a minus sign, a decimal point, and thousands
 * grouped by commas or by spaces (`12,500`, `12 500`; also the non-breaking and thin spaces Excel shows in many
 * locales). JavaScript's own number syntax is not among them: `0x10`, `1e3`, `Infinity` or `+5` in a CRM export is
 * a mistake to report, not a value to guess.
 */
const DECIMAL = /^-?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:\.\d+)?$/;

function decimal(raw: string): number | undefined {
  if (!DECIMAL.test(raw)) return undefined;
  const value = Number(raw.replace(/[, \u00a0\u2009\u202f]/g, ''));
  // Hundreds of digits make Infinity.
  return Number.isFinite(value) ? value : undefined;
}

function orgValue(raw: string): string | number | boolean {
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

function headerTargets(record: string[], tally: RowTally): (ColumnTarget | undefined)[] {
  const targets = record.map(columnTarget);
  const unknown = record.filter((_, i) => !targets[i]);
  if (unknown.length) {
    // Header names are shown back, and stored with the report: never a NUL, never a whole line of them.
    const names = unknown.map((name) => name.replaceAll('\u0000', '\ufffd').slice(0, 100));
    const shown = names.length > 20 ? [...names.slice(0, 20), `… ${names.length - 20} more`] : names;
    tally.warnings.push(`Ignored columns: ${shown.join(', ')} (known: ${KNOWN_COLUMNS.join(', ')})`);
  }
  if (!targets.some((t) => t?.kind === 'id')) throw new ImportFileError('The header has no "id" column.');
  return targets;
}

/** One line checked with the shared CustomerProfile schema: the row to stage, or undefined if it has problems. */
function checkLine(
  record: string[],
  line: number,
  targets: (ColumnTarget | undefined)[],
  tally: RowTally,
): CheckedRow | undefined {
  const errorsBefore = tally.errorCount;
  const fail = (field: string, message: string) => recordProblem(tally, { line, field, message });
  if (record.length !== targets.length)
    fail('(row)', `Expected ${targets.length} fields like the header, got ${record.length}`);
  const profile: Record<string, unknown> = { tags: [], org: {} };
  let id = '';
  let helpdesk: string | null = null;
  let requesterId: string | null = null;
  record.forEach((raw, i) => {
    const target = targets[i];
    if (!target || raw === '') return;
    if (raw.includes('\u0000')) {
      fail('field' in target ? target.field : target.kind, NUL_MESSAGE);
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
        const value = decimal(raw);
        if (value === undefined)
          fail(target.field, `"${raw.slice(0, 40)}" is not a number (write it like 12500, 12,500 or 1250.50)`);
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
  if (!id) fail('id', 'Missing id');
  else if (id.length > 128) fail('id', 'Longer than 128 characters');
  if (helpdesk !== null && !HelpdeskId.safeParse(helpdesk).success)
    fail('helpdesk', `Unknown helpdesk "${helpdesk}" (zendesk, salesforce or generic)`);
  const parsed = CustomerProfile.safeParse({ ...profile, id: id || undefined });
  if (!parsed.success)
    for (const issue of parsed.error.issues) fail(issue.path.map(String).join('.') || '(row)', issue.message);
  if (tally.errorCount > errorsBefore || !parsed.success) {
    tally.skipped += 1;
    return undefined;
  }
  return {
    customer_id: id,
    line,
    email: parsed.data.email?.toLowerCase() ?? null,
    helpdesk,
    requester_id: requesterId,
    profile: JSON.stringify(parsed.data),
  };
}

/**
 * Reads a spooled CRM export as a stream and yields its good lines IMPORT_CHUNK at a time; problems, counts and
 * warnings go to `tally`. Memory holds one chunk, the parser's buffer and the first problems, whatever the file's size.
 */
export async function* checkedRows(path: string, tally: RowTally): AsyncGenerator<CheckedRow[]> {
  let targets: (ColumnTarget | undefined)[] | undefined;
  // Checked as UTF-8 before parsing: the parser would read a Windows-1252 "é" as U+FFFD and carry on.
  const parser = compose(
    createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
    utf8Only(),
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      max_record_size: MAX_LINE_CHARS,
    }),
  );
  let chunk: CheckedRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; bytes: number };
    }>) {
      tally.bytesChecked = info.bytes;
      if (!targets) {
        targets = headerTargets(record, tally);
        continue;
      }
      tally.rows += 1;
      const row = checkLine(record, info.lines, targets, tally);
      if (!row) continue;
      chunk.push(row);
      if (chunk.length >= IMPORT_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof NotUtf8) throw new ImportFileError(error.message);
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE')
      throw new ImportFileError(
        `Line ${(error as CsvError & { lines?: number }).lines ?? '?'} is longer than ${MAX_LINE_CHARS} characters: is this a customer export?`,
      );
    if (error instanceof CsvError)
      throw new ImportFileError(
        `The file is not valid CSV near line ${(error as CsvError & { lines?: number }).lines ?? '?'}: ${error.message}`,
      );
    throw error;
  }
  if (!targets) throw new ImportFileError('The file is empty: expected a header row with an "id" column.');
  if (chunk.length) yield chunk;
}
