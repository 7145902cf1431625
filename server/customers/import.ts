import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import type { CustomerImportReport } from '../../lib/schema/api';
import { HelpdeskId } from '../../lib/schema/ticket';
import { CustomerProfile } from '../../lib/schema/tiers';
import { recordAudit } from '../auth/audit';
import type { Principal } from '../auth/principal';
import { bulkInsert } from '../db/bulk-insert';
import type { CustomersTable, Database } from '../db/schema';
import { type ColumnTarget, columnTarget, KNOWN_COLUMNS } from './import.columns';

const CHUNK = 500;
const LISTED_ERRORS = 100;

/** Raised inside the transaction to undo it; carries the report the client gets. */
class Rollback extends Error {
  constructor(readonly report: CustomerImportReport) {
    super('rollback');
  }
}

export class ImportFileError extends Error {}

const UPSERT = {
  table: 'customers' as const,
  columns: ['org_id', 'id', 'email', 'helpdesk', 'requester_id', 'profile', 'updated_at'] as const,
  suffix:
    'on conflict ("org_id", "id") do update set "email" = excluded."email", "helpdesk" = excluded."helpdesk", ' +
    '"requester_id" = excluded."requester_id", "profile" = excluded."profile", "updated_at" = excluded."updated_at"',
};

function orgValue(raw: string): string | number | boolean {
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}

/**
 * Imports a CRM export as it streams in: each line is validated with the shared CustomerProfile schema and
 * written in chunks inside one transaction. Unless `skipBadRows`, one bad line rolls everything back, so a
 * bad file changes nothing; `dryRun` always rolls back. Memory holds one chunk, the ids seen (to catch a
 * customer listed twice) and the first 100 errors.
 */
export async function importCustomers(
  db: Kysely<Database>,
  principal: Principal,
  body: ReadableStream<Uint8Array>,
  options: { skipBadRows: boolean; dryRun: boolean },
  now = new Date(),
): Promise<CustomerImportReport> {
  const report: CustomerImportReport = {
    rows: 0,
    inserted: 0,
    updated: 0,
    skipped: 0,
    applied: false,
    dryRun: options.dryRun,
    errorCount: 0,
    errors: [],
    warnings: [],
  };
  const fail = (line: number, field: string, message: string) => {
    report.errorCount += 1;
    if (report.errors.length < LISTED_ERRORS) report.errors.push({ line, field, message });
  };
  let targets: (ColumnTarget | undefined)[] = [];
  let headerWidth = 0;
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  // pipeline, not pipe: an error in the upload (too large, cut off) must end the parse, not leave it waiting.
  pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), parser, () => undefined);
  const firstLine = new Map<string, number>();
  const updatedAt = now.toISOString();

  try {
    await db.transaction().execute(async (trx) => {
      let chunk: CustomersTable[] = [];
      const flush = async () => {
        if (chunk.length === 0) return;
        const existing = await trx
          .selectFrom('customers')
          .select('id')
          .where('org_id', '=', principal.orgId)
          .where(
            'id',
            'in',
            chunk.map((c) => c.id),
          )
          .execute();
        report.updated += existing.length;
        report.inserted += chunk.length - existing.length;
        await bulkInsert(trx, UPSERT, chunk);
        chunk = [];
      };
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (targets.length === 0) {
          headerWidth = record.length;
          targets = record.map(columnTarget);
          const unknown = record.filter((_, i) => !targets[i]);
          if (unknown.length)
            report.warnings.push(`Ignored columns: ${unknown.join(', ')} (known: ${KNOWN_COLUMNS.join(', ')})`);
          if (!targets.some((t) => t?.kind === 'id')) throw new ImportFileError('The header has no "id" column.');
          continue;
        }
        report.rows += 1;
        const line = info.lines;
        const errorsBefore = report.errorCount;
        if (record.length !== headerWidth) {
          fail(line, '(row)', `Expected ${headerWidth} fields like the header, got ${record.length}`);
        }
        const profile: Record<string, unknown> = { tags: [], org: {} };
        let id = '';
        let helpdesk: string | null = null;
        let requesterId: string | null = null;
        record.forEach((raw, i) => {
          const target = targets[i];
          if (!target || raw === '') return;
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
        else if (firstLine.has(id)) fail(line, 'id', `Customer ${id} is already on line ${firstLine.get(id)}`);
        if (helpdesk !== null && !HelpdeskId.safeParse(helpdesk).success)
          fail(line, 'helpdesk', `Unknown helpdesk "${helpdesk}" (zendesk, salesforce or generic)`);
        const parsed = CustomerProfile.safeParse({ ...profile, id: id || undefined });
        if (!parsed.success)
          for (const issue of parsed.error.issues)
            fail(line, issue.path.map(String).join('.') || '(row)', issue.message);
        if (report.errorCount > errorsBefore || !parsed.success) {
          report.skipped += 1;
          continue;
        }
        firstLine.set(id, line);
        chunk.push({
          org_id: principal.orgId,
          id,
          email: parsed.data.email?.toLowerCase() ?? null,
          helpdesk,
          requester_id: requesterId,
          profile: JSON.stringify(parsed.data),
          updated_at: updatedAt,
        });
        if (chunk.length >= CHUNK) await flush();
      }
      if (targets.length === 0)
        throw new ImportFileError('The file is empty: expected a header row with an "id" column.');
      await flush();
      const apply = !options.dryRun && (report.errorCount === 0 || options.skipBadRows);
      if (!apply) {
        // A dry run reports what would happen; a refused file reports that nothing happened.
        if (!options.dryRun) Object.assign(report, { inserted: 0, updated: 0, skipped: 0 });
        throw new Rollback(report);
      }
      report.applied = true;
      await recordAudit(trx, principal, {
        action: 'customers.import',
        targetType: 'customers',
        targetId: principal.orgId,
        details: { rows: report.rows, inserted: report.inserted, updated: report.updated, skipped: report.skipped },
      });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.report;
    if (error instanceof CsvError)
      throw new ImportFileError(
        `The file is not valid CSV near line ${(error as CsvError & { lines?: number }).lines ?? '?'}: ${error.message}`,
      );
    throw error;
  }
  return report;
}
