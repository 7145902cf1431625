import { createRoute } from '@hono/zod-openapi';
import { EnrollRequest, EnrollResponse } from '../../lib/schema/api';
import { ApiError } from '../../lib/schema/events';
import { SECURITY } from '../api-security';

export const enroll = createRoute({
  operationId: 'enroll',
  method: 'post',
  path: '/api/v1/enroll',
  tags: ['identity'],
  summary: 'Trade a team enrollment token and the agent’s identity for a per-agent API token',
  security: SECURITY.none,
  request: { body: { required: true, content: { 'application/json': { schema: EnrollRequest } } } },
  responses: {
    201: {
      description: 'Enrolled; the token is shown once',
      content: { 'application/json': { schema: EnrollResponse } },
    },
    400: { description: 'A field is invalid', content: { 'application/json': { schema: ApiError } } },
    401: {
      description: 'Unknown, revoked or expired enrollment token',
      content: { 'application/json': { schema: ApiError } },
    },
    409: {
      description: 'The email belongs to a console user who is not an agent',
      content: { 'application/json': { schema: ApiError } },
    },
  },
});
