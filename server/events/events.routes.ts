import { createRoute } from '@hono/zod-openapi';
import { ApiError, IngestBatch, IngestResult } from '../../lib/schema/events';
import { SECURITY } from '../api-security';

export const ingestEvents = createRoute({
  operationId: 'ingestEvents',
  method: 'post',
  path: '/api/v1/events',
  tags: ['ingest'],
  summary: 'Store a batch of events from an agent’s browser (idempotent on each event id)',
  security: SECURITY.token,
  request: { body: { required: true, content: { 'application/json': { schema: IngestBatch } } } },
  responses: {
    200: {
      description: 'Every event is stored, now or by an earlier request',
      content: { 'application/json': { schema: IngestResult } },
    },
    400: {
      description: 'A field is invalid; nothing was stored',
      content: { 'application/json': { schema: ApiError } },
    },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
    413: { description: 'Body larger than the limit', content: { 'application/json': { schema: ApiError } } },
  },
});
