import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per customer import: its progress while it runs (any instance can report it) and its report after.
    await db.schema
      .createTable('customer_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('actor_id', 'text', (c) => c.notNull())
      /** receiving | queued | checking | applying | done | refused | failed | interrupted */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('dry_run', 'integer', (c) => c.notNull())
      .addColumn('skip_bad_rows', 'integer', (c) => c.notNull())
      .addColumn('bytes_expected', 'integer')
      .addColumn('bytes_received', 'integer', (c) => c.notNull())
      .addColumn('bytes_checked', 'integer', (c) => c.notNull())
      .addColumn('rows_checked', 'integer', (c) => c.notNull())
      .addColumn('rows_to_apply', 'integer')
      .addColumn('rows_applied', 'integer', (c) => c.notNull())
      /** CustomerImportReport as JSON once the import has ended. */
      .addColumn('report', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('customer_imports_org_created')
      .on('customer_imports')
      .columns(['org_id', 'created_at', 'id'])
      .execute();
    // The checked rows of an import, written in short transactions, before any customer is touched: a bad file
    // changes nothing, a customer listed twice is caught by the key without holding every id in memory.
    await db.schema
      .createTable('customer_import_rows')
      .addColumn('import_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('helpdesk', 'text')
      .addColumn('requester_id', 'text')
      .addColumn('profile', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_import_rows_pk', ['import_id', 'customer_id'])
      .execute();
    await db.schema
      .createIndex('customer_import_rows_line')
      .on('customer_import_rows')
      .columns(['import_id', 'line'])
      .execute();
  },
};

export default migration;
