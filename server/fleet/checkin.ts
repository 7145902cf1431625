import { createMiddleware } from 'hono/factory';
import { CHECKIN_HEADERS } from '../../lib/schema/fleet';
import type { AppEnv } from '../context';

const VERSION = /^[0-9A-Za-z.+-]{1,32}$/;

/** A count header as a number, or null when absent or not a plausible count (never trusted further). */
function countOf(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,9}$/.test(header)) return null;
  return Number(header);
}

/**
 * After `requireAgent`: remembers this browser's check-in (one row per agent token, overwritten), for fleet health.
 * The catalog pull carries it, which every browser makes once per sync interval.
 */
export const recordCheckin = createMiddleware<AppEnv>(async (c, next) => {
  const agent = c.var.agent;
  const version = c.req.header(CHECKIN_HEADERS.version);
  const row = {
    org_id: agent.org_id,
    user_id: agent.id,
    team_id: agent.team_id,
    user_agent: c.req.header('user-agent')?.slice(0, 512) ?? null,
    extension_version: version && VERSION.test(version) ? version : null,
    queued: countOf(c.req.header(CHECKIN_HEADERS.queued)),
    rejected: countOf(c.req.header(CHECKIN_HEADERS.rejected)),
    last_seen_at: new Date().toISOString(),
  };
  await c.var.db
    .insertInto('browser_checkins')
    .values({ token_id: agent.tokenId, ...row })
    .onConflict((oc) => oc.column('token_id').doUpdateSet(row))
    .execute();
  await next();
});
