import { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent, LiveScore } from '../../lib/schema/live';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam, type Principal } from '../auth/principal';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { LIVE_PATH, livePoll, liveStream } from './live.routes';

/** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
export const LIVE_HEARTBEAT_MS = 15_000;

/** Only events of the caller's organisation and, for leads, of the teams they lead. */
export function visibleTo(principal: Principal, event: LiveEvent): boolean {
  if (event.orgId !== principal.orgId) return false;
  if (principal.allTeams) return true;
  const teamId =
    event.type === 'score' ? event.score.teamId : event.type === 'alert' ? event.alert.teamId : event.action.teamId;
  return canSeeTeam(principal, teamId);
}

/** Streams open on this instance, ended when the server shuts down so it need not wait for them. */
export class LiveStreams {
  private readonly open = new Set<() => void>();
  add(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }
  endAll(): void {
    for (const end of [...this.open]) end();
  }
}

export function liveRouter(streams: LiveStreams, heartbeatMs = LIVE_HEARTBEAT_MS) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  router.use(LIVE_PATH, authenticate, requireRole('lead', 'trainer', 'admin'));
  router.use(`${LIVE_PATH}/*`, authenticate, requireRole('lead', 'trainer', 'admin'));

  router.openapi(liveStream, (c) => {
    const { principal, live } = c.var;
    // The route declares text/event-stream, which the typed JSON response helpers do not model.
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      const end = () => {
        ended = true;
        wake?.();
      };
      const forget = streams.add(end);
      stream.onAbort(end);
      const unsubscribe = live.subscribe((event) => {
        if (!visibleTo(principal, event)) return;
        queue.push(event);
        wake?.();
      });
      const heartbeat = setInterval(() => {
        stream.write(': heartbeat\n\n').catch(end);
      }, heartbeatMs);
      try {
        // Tells EventSource how soon to reconnect, and shows the client the stream is open.
        await stream.write('retry: 3000\n: connected\n\n');
        while (!ended) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        forget();
      }
    }) as never;
  });

  router.openapi(livePoll, async (c) => {
    const { after, limit } = c.req.valid('query');
    const { db, principal } = c.var;
    const since = new Date(after).toISOString();
    let query = db
      .selectFrom('events as e')
      .innerJoin('feedback as f', (join) => join.onRef('f.event_id', '=', 'e.id').onRef('f.org_id', '=', 'e.org_id'))
      .select([
        'f.event_id',
        'f.team_id',
        'f.agent_id',
        'f.ticket_id',
        'f.round',
        'f.csat',
        'f.nps',
        'f.occurred_at',
        'e.received_at',
      ])
      .where('e.org_id', '=', principal.orgId)
      .where('e.type', '=', 'feedback')
      .where('e.received_at', '>', since);
    if (!principal.allTeams)
      query = query.where('f.team_id', 'in', principal.teamIds.length ? [...principal.teamIds] : ['']);
    const rows = await query
      .orderBy('e.received_at')
      .orderBy('e.id')
      .limit(limit + 1)
      .execute();
    let page = rows.slice(0, limit);
    // Scores of one batch share their receivedAt: a page never ends inside a batch, or `next` would skip the rest.
    const lastAt = page.at(-1)?.received_at;
    if (rows.length > limit && lastAt) {
      const whole = page.filter((row) => row.received_at < lastAt);
      if (whole.length > 0) page = whole;
    }
    const scores: LiveScore[] = page.map((row) => ({
      eventId: row.event_id,
      teamId: row.team_id,
      agentId: row.agent_id,
      ticketId: row.ticket_id,
      round: row.round,
      csat: Number(row.csat),
      nps: row.nps === null ? null : Number(row.nps),
      occurredAt: row.occurred_at,
      receivedAt: row.received_at,
    }));
    return c.json({ scores, next: page.at(-1)?.received_at ?? since, more: rows.length > limit }, 200);
  });
  return router;
}
