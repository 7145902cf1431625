import type { Kysely, Transaction } from 'kysely';
import type { DeskLensEvent, FeedbackEvent, IngestResult } from '../../lib/schema/events';
import type { AuthenticatedAgent } from '../auth/tokens';
import type { Database } from '../db/schema';

/**
 * Store a batch in one transaction. Each event is inserted with ON CONFLICT DO NOTHING on its client id,
 * so a replayed batch — or the same batch arriving at two instances at once — stores each event exactly once.
 * Everything is credited to the agent of the token, never to anyone named in the body.
 */
export async function storeBatch(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  events: DeskLensEvent[],
  now = new Date(),
): Promise<IngestResult> {
  const receivedAt = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const results: IngestResult['results'] = [];
    for (const event of events) {
      const inserted = await trx
        .insertInto('events')
        .values({
          id: event.id,
          org_id: agent.org_id,
          agent_id: agent.id,
          type: event.type,
          helpdesk: event.helpdesk,
          ticket_id: 'ticketId' in event ? event.ticketId : null,
          occurred_at: new Date(event.occurredAt).toISOString(),
          received_at: receivedAt,
          payload: JSON.stringify(event),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      const stored = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
      if (stored && event.type === 'feedback') await storeFeedback(trx, agent, event);
      results.push({ id: event.id, status: stored ? 'stored' : 'duplicate' });
    }
    const storedCount = results.filter((r) => r.status === 'stored').length;
    return { stored: storedCount, duplicates: results.length - storedCount, results };
  });
}

/**
 * The newest score for an agent, ticket and round is the one stats count; an older one arriving late
 * (a browser that was offline) is kept as history without displacing the newer score.
 */
async function storeFeedback(
  trx: Transaction<Database>,
  agent: AuthenticatedAgent,
  event: FeedbackEvent,
): Promise<void> {
  const occurredAt = new Date(event.occurredAt).toISOString();
  const newer = await trx
    .selectFrom('feedback')
    .select('event_id')
    .where('agent_id', '=', agent.id)
    .where('helpdesk', '=', event.helpdesk)
    .where('ticket_id', '=', event.ticketId)
    .where('round', '=', event.round)
    .where((eb) =>
      eb.or([
        eb('occurred_at', '>', occurredAt),
        eb.and([eb('occurred_at', '=', occurredAt), eb('event_id', '>', event.id)]),
      ]),
    )
    .executeTakeFirst();
  const becomesCurrent = !newer;
  if (becomesCurrent) {
    await trx
      .updateTable('feedback')
      .set({ is_current: 0 })
      .where('agent_id', '=', agent.id)
      .where('helpdesk', '=', event.helpdesk)
      .where('ticket_id', '=', event.ticketId)
      .where('round', '=', event.round)
      .execute();
  }
  await trx
    .insertInto('feedback')
    .values({
      event_id: event.id,
      org_id: agent.org_id,
      team_id: agent.team_id,
      agent_id: agent.id,
      helpdesk: event.helpdesk,
      ticket_id: event.ticketId,
      round: event.round,
      csat: event.csat,
      nps: event.nps ?? null,
      dimensions: event.dimensions ? JSON.stringify(event.dimensions) : null,
      comment: event.comment ?? null,
      customer_id: event.customer.id ?? null,
      customer_email: event.customer.email ?? null,
      tier_id: event.tierId ?? null,
      retracted: event.retracted ? 1 : 0,
      // A retraction is the newest word on the ticket but is itself never counted.
      is_current: becomesCurrent && !event.retracted ? 1 : 0,
      occurred_at: occurredAt,
    })
    .execute();
}
