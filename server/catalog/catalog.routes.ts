import { createRoute, z } from '@hono/zod-openapi';
import { CatalogResponse } from '../../lib/schema/api';
import { ApiError } from '../../lib/schema/events';
import { SECURITY } from '../api-security';

export const getCatalog = createRoute({
  operationId: 'getCatalog',
  method: 'get',
  path: '/api/v1/catalog',
  tags: ['scripts'],
  summary: 'The published scripts for the agent’s team; conditional on If-None-Match',
  security: SECURITY.token,
  request: { headers: z.object({ 'if-none-match': z.string().max(200).optional() }) },
  responses: {
    200: {
      description: 'The catalog, with its version as ETag',
      content: { 'application/json': { schema: CatalogResponse } },
    },
    304: { description: 'Unchanged since the ETag sent: no body' },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});
