import { createRoute, type z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import { Ranking, RankingQuery } from '../../lib/schema/quality';
import {
  SatisfactionStats,
  ScoreListQuery,
  ScorePage,
  ScriptStats,
  ServiceStats,
  StatsQuery,
} from '../../lib/schema/stats';
import { SECURITY } from '../api-security';
import { errorResponse } from '../routes-common';

const errors = {
  400: {
    description: 'A query parameter is invalid (each is named)',
    content: { 'application/json': { schema: ApiError } },
  },
  401: { description: 'No valid token or session', content: { 'application/json': { schema: ApiError } } },
  403: {
    description: 'Outside the caller’s access (another team, another agent)',
    content: { 'application/json': { schema: ApiError } },
  },
  404: { description: 'No such team in this organisation', content: { 'application/json': { schema: ApiError } } },
} as const;

function statsRoute(operationId: string, path: string, summary: string, schema: z.ZodType) {
  return createRoute({
    operationId,
    method: 'get',
    path,
    tags: ['stats'],
    summary,
    security: SECURITY.tokenOrSession,
    request: { query: StatsQuery },
    responses: {
      200: {
        description: 'The figures, each with its n; `format=csv` gives the same as CSV',
        content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' } } },
      },
      ...errors,
    },
  });
}

export const satisfactionRoute = statsRoute(
  'getSatisfactionStats',
  '/api/v1/stats/satisfaction',
  'CSAT, NPS and dimension averages by agent, team, tier, dimension, day or week',
  SatisfactionStats,
);
export const serviceRoute = statsRoute(
  'getServiceStats',
  '/api/v1/stats/service',
  'SLA attainment, breaches and first-reply time median / p90 by agent, team, day or week',
  ServiceStats,
);
export const scriptsRoute = statsRoute(
  'getScriptStats',
  '/api/v1/stats/scripts',
  'Script usage and the CSAT of tickets each script version was used on, against tickets without scripts',
  ScriptStats,
);

export const rankingRoute = createRoute({
  operationId: 'getRanking',
  method: 'get',
  path: '/api/v1/stats/ranking',
  tags: ['stats'],
  summary:
    'Agents and teams ranked by CSAT, each with its n and red / yellow / green band from the organisation’s bands (leads: their teams)',
  security: SECURITY.tokenOrSession,
  request: { query: RankingQuery },
  responses: {
    200: { description: 'The ranking, best first', content: { 'application/json': { schema: Ranking } } },
    400: errorResponse(errors[400].description),
    401: errorResponse(errors[401].description),
    403: errorResponse(errors[403].description),
    404: errorResponse(errors[404].description),
  },
});

export const scoresRoute = createRoute({
  operationId: 'listScores',
  method: 'get',
  path: '/api/v1/stats/scores',
  tags: ['stats'],
  summary:
    'The drill-down’s last step: counted scores with their ticket, agent, dimensions, comment and customer, newest first (agents: their own; leads: their teams)',
  security: SECURITY.tokenOrSession,
  request: { query: ScoreListQuery },
  responses: {
    200: { description: 'One page of scores', content: { 'application/json': { schema: ScorePage } } },
    400: errorResponse(errors[400].description),
    401: errorResponse(errors[401].description),
    403: errorResponse(errors[403].description),
    404: errorResponse(errors[404].description),
  },
});
