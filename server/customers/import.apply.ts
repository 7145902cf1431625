import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '../db/bulk-insert';
import type { CustomerImportRowsTable, CustomersTable, Database } from '../db/schema';
import { IMPORT_CHUNK } from './import.rows';

const UPSERT = {
  table: 'customers' as const,
  columns: ['org_id', 'id', 'email', 'helpdesk', 'requester_id', 'profile', 'updated_at'] as const,
  suffix:
    'on conflict ("org_id", "id") do update set "email" = excluded."email", "helpdesk" = excluded."helpdesk", ' +
    '"requester_id" = excluded."requester_id", "profile" = excluded."profile", "updated_at" = excluded."updated_at"',
};

/** Lets other requests' queries run between two chunks, whichever database and driver. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The staged rows of an import in file order, one chunk at a time. */
async function* stagedChunks(db: Kysely<Database>, importId: string, signal?: AbortSignal) {
  let afterLine = 0;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await db
      .selectFrom('customer_import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .where('line', '>', afterLine)
      .orderBy('line')
      .limit(IMPORT_CHUNK)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    afterLine = rows.at(-1)?.line ?? afterLine;
    await yieldToOthers();
  }
}

async function existingIds(
  db: Kysely<Database> | Transaction<Database>,
  orgId: string,
  rows: CustomerImportRowsTable[],
) {
  const found = await db
    .selectFrom('customers')
    .select('id')
    .where('org_id', '=', orgId)
    .where(
      'id',
      'in',
      rows.map((r) => r.customer_id),
    )
    .execute();
  return found.length;
}

/** What applying would do (a dry run): how many staged customers are new and how many exist. */
export async function countStaged(db: Kysely<Database>, orgId: string, importId: string, signal: AbortSignal) {
  let inserted = 0;
  let updated = 0;
  for await (const rows of stagedChunks(db, importId, signal)) {
    const existing = await existingIds(db, orgId, rows);
    updated += existing;
    inserted += rows.length - existing;
  }
  return { inserted, updated };
}

/**
 * Writes the staged rows into customers, 500 per transaction: each transaction holds the database for a few
 * milliseconds, and the import's progress row moves in the same transaction, so `rowsApplied` is exactly what is
 * committed. Customers are upserted by id: running an interrupted import again completes it without doubles.
 */
export async function applyStaged(
  db: Kysely<Database>,
  orgId: string,
  importId: string,
  updatedAt: string,
  onChunk: (trx: Transaction<Database>, applied: number) => Promise<void>,
  signal: AbortSignal,
) {
  let inserted = 0;
  let updated = 0;
  let applied = 0;
  for await (const rows of stagedChunks(db, importId, signal)) {
    await db.transaction().execute(async (trx) => {
      const existing = await existingIds(trx, orgId, rows);
      const customers: CustomersTable[] = rows.map((r) => ({
        org_id: orgId,
        id: r.customer_id,
        email: r.email,
        helpdesk: r.helpdesk,
        requester_id: r.requester_id,
        profile: r.profile,
        updated_at: updatedAt,
      }));
      await bulkInsert(trx, UPSERT, customers);
      await onChunk(trx, applied + rows.length);
      updated += existing;
      inserted += rows.length - existing;
      applied += rows.length;
    });
  }
  return { inserted, updated };
}

/** Removes an import's staged rows a few thousand at a time, never in one long delete. */
export async function dropStaged(db: Kysely<Database>, importId: string) {
  for (;;) {
    const last = await db
      .selectFrom('customer_import_rows')
      .select('line')
      .where('import_id', '=', importId)
      .orderBy('line')
      .offset(IMPORT_CHUNK * 4 - 1)
      .limit(1)
      .executeTakeFirst();
    let query = db.deleteFrom('customer_import_rows').where('import_id', '=', importId);
    if (last) query = query.where('line', '<=', last.line);
    await query.execute();
    if (!last) return;
    await yieldToOthers();
  }
}
