import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Ingest finds an agent's earlier scores for the batch's tickets. Led by the ticket, the lookup probes
    // a handful of rows per ticket; led by the agent it read every score that agent ever captured.
    await db.schema.dropIndex('feedback_agent_ticket').execute();
    await db.schema
      .createIndex('feedback_ticket_agent')
      .on('feedback')
      .columns(['ticket_id', 'agent_id', 'helpdesk', 'round'])
      .execute();
    // At most one counted score per agent, ticket and round, enforced by the database: two instances
    // deciding concurrently cannot both make their score current; the loser retries and sees the winner.
    // Earlier data is made to satisfy it first (the newest current row stays current).
    await sql`
      update feedback set is_current = 0
      where is_current = 1 and exists (
        select 1 from feedback newer
        where newer.agent_id = feedback.agent_id and newer.helpdesk = feedback.helpdesk
          and newer.ticket_id = feedback.ticket_id and newer.round = feedback.round and newer.is_current = 1
          and (newer.occurred_at > feedback.occurred_at
            or (newer.occurred_at = feedback.occurred_at and newer.event_id > feedback.event_id)))`.execute(db);
    await db.schema
      .createIndex('feedback_one_current')
      .unique()
      .on('feedback')
      .columns(['agent_id', 'helpdesk', 'ticket_id', 'round'])
      .where(sql.ref('is_current'), '=', 1)
      .execute();
  },
};

export default migration;
