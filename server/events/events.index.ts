import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { DeskLensEvent, FeedbackEvent, IngestResult } from '../../lib/schema/events';
import type { LiveEvent } from '../../lib/schema/live';
import { requireAgent } from '../auth/middleware';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { validationHook } from '../validation';
import { implausibleTimes } from './events.dates';
import { storeBatch } from './events.handlers';
import { ingestEvents } from './events.routes';

export const eventsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const MAX_ANNOUNCED_SCORES = 50;

/** Open dashboards hear of each new score at once; alert rules are read again once the burst is over. */
async function announceStored(c: Context<AppEnv>, events: DeskLensEvent[], result: IngestResult) {
  const agent = c.var.agent;
  const receivedAt = new Date().toISOString();
  const stored = events.filter((_, index) => result.results[index]?.status === 'stored');
  const scores = stored.filter((event): event is FeedbackEvent => event.type === 'feedback');
  // A backlog synced after a day offline can hold hundreds: the newest are announced, and a dashboard refreshes
  // its figures on any of them.
  const announced = scores.slice(-MAX_ANNOUNCED_SCORES);
  if (announced.length > 0)
    await c.var.live
      .publish(
        ...announced.map(
          (score): LiveEvent => ({
            type: 'score',
            orgId: agent.org_id,
            score: {
              eventId: score.id,
              teamId: agent.team_id,
              agentId: agent.id,
              ticketId: score.ticketId,
              round: score.round ?? 'initial',
              csat: score.csat,
              nps: score.nps ?? null,
              occurredAt: new Date(score.occurredAt).toISOString(),
              receivedAt,
            },
          }),
        ),
      )
      .catch((error: unknown) => c.var.deps.logger.warn({ err: error }, 'live: scores were not announced'));
  if (stored.some((event) => event.type === 'feedback' || event.type === 'sla')) c.var.alerts.nudge(agent.org_id);
}

eventsRouter.use(ingestEvents.getRoutingPath(), requireAgent);
eventsRouter.openapi(ingestEvents, async (c) => {
  const { events } = c.req.valid('json');
  const implausible = implausibleTimes(events, (c.var.deps.now ?? Date.now)());
  if (implausible.length) return apiError(c, 400, 'invalid_request', 'Invalid json', implausible);
  const result = await storeBatch(c.var.db, c.var.agent, events);
  c.var.deps.logger.info(
    { agent: c.var.agent.id, stored: result.stored, duplicates: result.duplicates },
    'events ingested',
  );
  await announceStored(c, events, result);
  return c.json(result, 200);
});
