import { createRoute } from '@hono/zod-openapi';
import { InsightsRequest, InsightsResponse, ScriptSearchRequest, ScriptSearchResponse } from '../../lib/schema/api';
import { ApiError } from '../../lib/schema/events';

export const postInsights = createRoute({
  operationId: 'getTicketInsights',
  method: 'post',
  path: '/api/v1/insights',
  tags: ['insights'],
  summary:
    'Tier, SLA clocks and suggested scripts for one ticket, as the extension computes them (for the Zendesk app); the ticket is not stored',
  security: [{ agentToken: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: InsightsRequest } } } },
  responses: {
    200: { description: 'The figures', content: { 'application/json': { schema: InsightsResponse } } },
    400: { description: 'The ticket did not validate', content: { 'application/json': { schema: ApiError } } },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});

export const postScriptSearch = createRoute({
  operationId: 'searchTicketScripts',
  method: 'post',
  path: '/api/v1/insights/search',
  tags: ['insights'],
  summary: 'The agent’s script search (English or Chinese) filled in for one ticket, as in the extension',
  security: [{ agentToken: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ScriptSearchRequest } } } },
  responses: {
    200: { description: 'Best matches', content: { 'application/json': { schema: ScriptSearchResponse } } },
    400: { description: 'The ticket or query did not validate', content: { 'application/json': { schema: ApiError } } },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});
