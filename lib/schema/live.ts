import { z } from 'zod';
import { Alert } from './alerts';

/** A score some agent's browser just stored: enough for a dashboard to know what to refresh. */
export const LiveScore = z.object({
  eventId: z.string(),
  teamId: z.string().nullable(),
  agentId: z.string(),
  ticketId: z.string(),
  round: z.enum(['initial', 'follow_up']),
  csat: z.int(),
  nps: z.int().nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
});
export type LiveScore = z.infer<typeof LiveScore>;

/** An improvement action created or changed. */
export const LiveActionChange = z.object({
  id: z.string(),
  teamId: z.string().nullable(),
  status: z.string(),
  updatedAt: z.string(),
});

/**
 * What `GET /api/v1/live` sends, as server-sent events named by `type` (`score`, `alert`, `action`), each
 * within the caller's teams. A comment line (`: heartbeat`) comes every 15 s so proxies keep the stream open.
 */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('score'), orgId: z.string(), score: LiveScore }),
  z.object({ type: z.literal('alert'), orgId: z.string(), alert: Alert }),
  z.object({ type: z.literal('action'), orgId: z.string(), action: LiveActionChange }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

/** `GET /api/v1/live/scores`: the polling fallback, scores received after `after`. */
export const LivePollQuery = z.object({
  after: z.iso.datetime({ offset: true }),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const LivePoll = z.object({
  scores: z.array(LiveScore),
  /** Pass as `after` next time (the newest receivedAt seen, or the one sent when nothing arrived). */
  next: z.string(),
  /** More scores arrived than one answer holds: ask again at once. */
  more: z.boolean(),
});
export type LivePoll = z.infer<typeof LivePoll>;
