import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { ApiError } from '../../lib/schema/events';
import { FeedbackQuery, type ScoredTicket, ScoredTicketPage } from '../../lib/schema/feedback';
import { SECURITY } from '../api-security';
import { authenticate } from '../auth/middleware';
import type { AppEnv } from '../context';
import { DIMENSION_COLUMN, DIMENSION_COLUMNS } from '../db/dimension-columns';
import { apiError } from '../errors';
import { paginate } from '../pagination';
import { resolveScope } from '../stats/stats.scope';
import { validationHook } from '../validation';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });

export const listScoredTickets = createRoute({
  operationId: 'listScoredTickets',
  method: 'get',
  path: '/api/v1/feedback',
  tags: ['stats'],
  summary: 'The scored tickets behind the figures (the score each counts), newest first: drill-down to one ticket',
  security: SECURITY.tokenOrSession,
  request: { query: FeedbackQuery },
  responses: {
    200: { description: 'A page of scored tickets', content: { 'application/json': { schema: ScoredTicketPage } } },
    400: error('A query parameter is invalid (each is named)'),
    401: error('No valid token or session'),
    403: error('Outside the caller’s access (another team, another agent)'),
    404: error('No such team in this organisation'),
  },
});

export const feedbackRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
feedbackRouter.use('/api/v1/feedback', authenticate);

/** The same access as the figures (server/stats/stats.scope.ts): a lead sees the tickets of their teams only. */
feedbackRouter.openapi(listScoredTickets, async (c) => {
  const query = c.req.valid('query');
  const resolved = await resolveScope(c.var.db, c.var.principal, query);
  if ('forbidden' in resolved) return apiError(c, 403, 'forbidden', resolved.forbidden);
  if ('unknownTeam' in resolved)
    return apiError(c, 404, 'not_found', `No team ${resolved.unknownTeam} in your organisation.`);
  const { scope } = resolved;
  let rows = c.var.db
    .selectFrom('feedback as f')
    .innerJoin('users as u', 'u.id', 'f.agent_id')
    .select([
      'f.event_id as event_id',
      'f.helpdesk as helpdesk',
      'f.ticket_id as ticket_id',
      'f.agent_id as agent_id',
      'u.name as agent_name',
      'f.team_id as team_id',
      'f.round as round',
      'f.csat as csat',
      'f.nps as nps',
      'f.comment as comment',
      'f.complaint_grade as complaint_grade',
      'f.tier_id as tier_id',
      'f.occurred_at as occurred_at',
      ...DIMENSION_COLUMNS.map((column) => sql.ref<number | null>(`f.${column}`).as(column)),
    ])
    .where('f.org_id', '=', scope.orgId)
    .where('f.is_current', '=', 1)
    .where('f.retracted', '=', 0)
    .where('f.occurred_at', '>=', new Date(query.from).toISOString())
    .where('f.occurred_at', '<', new Date(query.to).toISOString());
  if (scope.teamIds)
    rows = scope.teamIds.length ? rows.where('f.team_id', 'in', scope.teamIds) : rows.where(sql.lit(false));
  if (scope.agentId) rows = rows.where('f.agent_id', '=', scope.agentId);
  if (scope.tierId) rows = rows.where('f.tier_id', '=', scope.tierId);
  if (query.ticketId) rows = rows.where('f.ticket_id', '=', query.ticketId);
  if (query.helpdesk) rows = rows.where('f.helpdesk', '=', query.helpdesk);
  const page = await paginate(rows, { columns: ['f.occurred_at', 'f.event_id'], direction: 'desc' }, query);
  const tickets: ScoredTicket[] = page.rows.map((row) => {
    const dims = row as unknown as Record<string, number | null>;
    return {
      eventId: row.event_id,
      helpdesk: row.helpdesk,
      ticketId: row.ticket_id,
      agentId: row.agent_id,
      agentName: row.agent_name,
      teamId: row.team_id,
      round: row.round,
      csat: row.csat,
      nps: row.nps,
      dimensions: Object.fromEntries(
        Object.entries(DIMENSION_COLUMN).flatMap(([dimension, column]) =>
          dims[column] == null ? [] : [[dimension, dims[column]]],
        ),
      ),
      comment: row.comment,
      complaintGrade: row.complaint_grade,
      tierId: row.tier_id,
      occurredAt: row.occurred_at,
    };
  });
  return c.json({ tickets, next: page.next }, 200);
});
