import { createRoute, type z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import { SatisfactionStats, ScriptStats, ServiceStats, StatsQuery } from '../../lib/schema/stats';
import { SECURITY } from '../api-security';

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
