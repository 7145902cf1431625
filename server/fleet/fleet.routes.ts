import { createRoute, z } from '@hono/zod-openapi';
import { FleetHealth } from '../../lib/schema/fleet';
import { SECURITY } from '../api-security';
import { errorResponse, jsonResponse } from '../routes-common';

export const FleetQuery = z.object({
  /** How many days of adapter-health reports to count (default 14). */
  days: z.coerce.number().int().min(1).max(90).default(14),
});

export const getFleet = createRoute({
  method: 'get',
  path: '/api/v1/fleet',
  operationId: 'getFleet',
  tags: ['fleet'],
  security: SECURITY.tokenOrSession,
  summary:
    'Fleet health (admins): browsers that checked in with version and outbox counts, and selectors that stopped matching by helpdesk and version',
  request: { query: FleetQuery },
  responses: {
    200: jsonResponse(FleetHealth, 'The fleet as of now'),
    400: errorResponse('A field is invalid (each is named)'),
    401: errorResponse('No valid token or session'),
    403: errorResponse('Needs the admin role'),
  },
});
