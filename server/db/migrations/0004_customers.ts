import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Customer attributes from the CRM, looked up by helpdesk requester id or by email to evaluate tiers.
    await db.schema
      .createTable('customers')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('helpdesk', 'text')
      .addColumn('requester_id', 'text')
      /** CustomerProfile (lib/schema/tiers.ts) as JSON. */
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('customers_pk', ['org_id', 'id'])
      .execute();
    await db.schema.createIndex('customers_org_email').on('customers').columns(['org_id', 'email']).execute();
    await db.schema
      .createIndex('customers_org_requester')
      .on('customers')
      .columns(['org_id', 'helpdesk', 'requester_id'])
      .execute();
  },
};

export default migration;
