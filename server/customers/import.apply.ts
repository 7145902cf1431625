import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { IMPORT_CHUNK } from './import.rows';

type Db = Kysely<Database> | Transaction<Database>;

/** Lets other requests' queries run between two chunks, whichever database and driver. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A run of an import's staged rows in file order: lines after `after`, up to and including `last`. */
interface LineRange {
  after: number;
  last: number;
}

/**
 * The staged rows of an import in file order, IMPORT_CHUNK lines at a time, as line ranges: the rows themselves
 * stay in the database, so applying a file moves no customer data through the server's memory.
 */
async function* stagedRanges(db: Kysely<Database>, importId: string, signal?: AbortSignal) {
  let after = 0;
  for (;;) {
    signal?.throwIfAborted();
    const staged = db.selectFrom('customer_import_rows').where('import_id', '=', importId).where('line', '>', after);
    const end =
      (await staged
        .select('line')
        .orderBy('line')
        .offset(IMPORT_CHUNK - 1)
        .limit(1)
        .executeTakeFirst()) ?? (await staged.select((eb) => eb.fn.max('line').as('line')).executeTakeFirst());
    if (end?.line === undefined || end.line === null) return;
    const range: LineRange = { after, last: Number(end.line) };
    yield range;
    after = range.last;
    await yieldToOthers();
  }
}

/** How many staged rows a range holds, and how many of their customers exist already. */
async function countRange(db: Db, orgId: string, importId: string, range: LineRange) {
  const counted = await db
    .selectFrom('customer_import_rows as r')
    .leftJoin('customers as c', (join) => join.on('c.org_id', '=', orgId).onRef('c.id', '=', 'r.customer_id'))
    .select((eb) => [eb.fn.countAll<number | string>().as('rows'), eb.fn.count<number | string>('c.id').as('existing')])
    .where('r.import_id', '=', importId)
    .where('r.line', '>', range.after)
    .where('r.line', '<=', range.last)
    .executeTakeFirstOrThrow();
  return { rows: Number(counted.rows), existing: Number(counted.existing) };
}

/** What applying would do (a dry run): how many staged customers are new and how many exist. */
export async function countStaged(db: Kysely<Database>, orgId: string, importId: string, signal: AbortSignal) {
  let inserted = 0;
  let updated = 0;
  for await (const range of stagedRanges(db, importId, signal)) {
    const { rows, existing } = await countRange(db, orgId, importId, range);
    updated += existing;
    inserted += rows - existing;
  }
  return { inserted, updated };
}

/**
 * Writes the staged rows into customers, 500 per transaction, each chunk one `insert … select` inside the database:
 * each transaction holds the database for a few milliseconds, and the import's progress row moves in the same
 * transaction, so `rowsApplied` is exactly what is committed. Customers are upserted by id: running an interrupted
 * import again completes it without doubles.
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
  for await (const range of stagedRanges(db, importId, signal)) {
    await db.transaction().execute(async (trx) => {
      const { rows, existing } = await countRange(trx, orgId, importId, range);
      await trx
        .insertInto('customers')
        .columns(['org_id', 'id', 'email', 'helpdesk', 'requester_id', 'profile', 'updated_at'])
        .expression((eb) =>
          eb
            .selectFrom('customer_import_rows')
            .select((s) => [
              s.cast<string>(s.val(orgId), 'text').as('org_id'),
              'customer_id',
              'email',
              'helpdesk',
              'requester_id',
              'profile',
              s.cast<string>(s.val(updatedAt), 'text').as('updated_at'),
            ])
            .where('import_id', '=', importId)
            .where('line', '>', range.after)
            .where('line', '<=', range.last),
        )
        .onConflict((conflict) =>
          conflict.columns(['org_id', 'id']).doUpdateSet((eb) => ({
            email: eb.ref('excluded.email'),
            helpdesk: eb.ref('excluded.helpdesk'),
            requester_id: eb.ref('excluded.requester_id'),
            profile: eb.ref('excluded.profile'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await onChunk(trx, applied + rows);
      updated += existing;
      inserted += rows - existing;
      applied += rows;
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
