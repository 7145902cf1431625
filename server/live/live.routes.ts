import { createRoute, z } from '@hono/zod-openapi';
import { LivePoll, LivePollQuery } from '../../lib/schema/live';
import { SECURITY } from '../api-security';
import { errorResponse as error, jsonResponse as ok } from '../routes-common';

export const LIVE_PATH = '/api/v1/live';

export const liveStream = createRoute({
  operationId: 'streamLiveEvents',
  method: 'get',
  path: LIVE_PATH,
  tags: ['live'],
  security: SECURITY.tokenOrSession,
  summary:
    'Server-sent events for open dashboards: `score`, `alert` and `action` (LiveEvent), only of the caller’s teams, with a heartbeat comment every 15 s. Where a stream cannot stay open, poll GET /api/v1/live/scores',
  responses: {
    200: {
      description: 'An event stream (text/event-stream); each event’s data is a LiveEvent as JSON',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    401: error('No valid token or session'),
    403: error('Agents have no dashboard'),
  },
});

export const livePoll = createRoute({
  operationId: 'pollLiveScores',
  method: 'get',
  path: `${LIVE_PATH}/scores`,
  tags: ['live'],
  security: SECURITY.tokenOrSession,
  summary: 'The polling fallback of the live stream: scores of the caller’s teams received after a moment',
  request: { query: LivePollQuery },
  responses: {
    200: ok(LivePoll),
    400: error('A query parameter is invalid (each is named)'),
    401: error('No valid token or session'),
    403: error('Agents have no dashboard'),
  },
});
