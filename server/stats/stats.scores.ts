import type { Kysely } from 'kysely';
import type { ScoreDetail, ScoreListQuery } from '../../lib/schema/stats';
import type { Database } from '../db/schema';
import { paginate } from '../pagination';
import type { StatsScope } from './stats.scope';

/**
 * Counted scores (the current one per agent, ticket and round) in the scope and period, newest first: what a lead
 * opens from an agent's row to see each ticket's score, dimensions and comment.
 */
export async function listScores(
  db: Kysely<Database>,
  scope: StatsScope,
  query: ScoreListQuery,
): Promise<{ scores: ScoreDetail[]; next: string | null }> {
  let q = db
    .selectFrom('feedback as f')
    .leftJoin('users as u', 'u.id', 'f.agent_id')
    .selectAll('f')
    .select('u.name as agent_name')
    .where('f.org_id', '=', scope.orgId)
    .where('f.is_current', '=', 1)
    .where('f.round', '=', query.round)
    .where('f.occurred_at', '>=', new Date(query.from).toISOString())
    .where('f.occurred_at', '<', new Date(query.to).toISOString());
  if (scope.teamIds) q = q.where('f.team_id', 'in', scope.teamIds.length ? scope.teamIds : ['']);
  if (scope.agentId) q = q.where('f.agent_id', '=', scope.agentId);
  if (scope.tierId) q = q.where('f.tier_id', '=', scope.tierId);
  if (query.ticketId) q = q.where('f.ticket_id', '=', query.ticketId);
  const { rows, next } = await paginate(q, { columns: ['f.occurred_at', 'f.event_id'], direction: 'desc' }, query);
  return {
    scores: rows.map((row) => ({
      eventId: row.event_id,
      helpdesk: row.helpdesk,
      ticketId: row.ticket_id,
      agent: { id: row.agent_id, name: row.agent_name ?? row.agent_id },
      teamId: row.team_id,
      tierId: row.tier_id,
      round: row.round,
      csat: Number(row.csat),
      nps: row.nps === null ? null : Number(row.nps),
      dimensions: row.dimensions ? (JSON.parse(row.dimensions) as Record<string, number>) : {},
      comment: row.comment,
      customer: { id: row.customer_id, email: row.customer_email },
      complaintGrade: row.complaint_grade,
      occurredAt: row.occurred_at,
    })),
    next,
  };
}
