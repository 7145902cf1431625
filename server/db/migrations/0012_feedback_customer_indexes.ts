import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // The badge's "last CSAT / NPS" asks for a customer's newest counted score, by email or helpdesk requester id.
    await db.schema
      .createIndex('feedback_customer_email')
      .on('feedback')
      .columns(['org_id', 'customer_email', 'occurred_at'])
      .execute();
    await db.schema
      .createIndex('feedback_customer_id')
      .on('feedback')
      .columns(['org_id', 'helpdesk', 'customer_id', 'occurred_at'])
      .execute();
  },
};

export default migration;
