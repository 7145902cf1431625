import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { type AdapterBreakage, browserFromUserAgent, type FleetHealth } from '../../lib/schema/fleet';
import type { Database } from '../db/schema';

/** Browsers listed, newest check-in first; totals and versions count them all. */
const BROWSER_LIMIT = 500;
/** Adapter reports read per request: a broken selector reports on every ticket page, so this is plenty of signal. */
const REPORT_LIMIT = 20_000;

const HealthPayload = z.object({
  missing: z.array(z.string()).default([]),
  extensionVersion: z.string().optional(),
});

async function browsersOf(db: Kysely<Database>, orgId: string) {
  const rows = await db
    .selectFrom('browser_checkins as b')
    .innerJoin('api_tokens as t', 't.id', 'b.token_id')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .leftJoin('teams', 'teams.id', 'b.team_id')
    .select([
      'b.token_id',
      'b.user_agent',
      'b.extension_version',
      'b.queued',
      'b.rejected',
      'b.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.name as user_name',
      'teams.id as team_id',
      'teams.name as team_name',
    ])
    .where('b.org_id', '=', orgId)
    .where('t.revoked_at', 'is', null)
    .orderBy('b.last_seen_at', 'desc')
    .limit(BROWSER_LIMIT)
    .execute();
  return rows.map((row) => ({
    tokenId: row.token_id,
    agent: { id: row.user_id, email: row.email, name: row.user_name ?? null },
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    browser: browserFromUserAgent(row.user_agent),
    extensionVersion: row.extension_version,
    lastSyncAt: row.last_seen_at,
    queued: row.queued,
    rejected: row.rejected,
  }));
}

async function totalsOf(db: Kysely<Database>, orgId: string, now: Date) {
  const live = db
    .selectFrom('browser_checkins as b')
    .innerJoin('api_tokens as t', 't.id', 'b.token_id')
    .where('b.org_id', '=', orgId)
    .where('t.revoked_at', 'is', null);
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const totals = await live
    .select([
      sql<number>`count(*)`.as('browsers'),
      sql<number>`sum(case when b.last_seen_at >= ${dayAgo} then 1 else 0 end)`.as('synced'),
      sql<number>`coalesce(sum(b.queued), 0)`.as('queued'),
      sql<number>`coalesce(sum(b.rejected), 0)`.as('rejected'),
    ])
    .executeTakeFirstOrThrow();
  const versions = await live
    .select(['b.extension_version', sql<number>`count(*)`.as('browsers')])
    .groupBy('b.extension_version')
    .orderBy('b.extension_version', 'desc')
    .execute();
  return {
    totals: {
      browsers: Number(totals.browsers),
      syncedLastDay: Number(totals.synced ?? 0),
      queued: Number(totals.queued),
      rejected: Number(totals.rejected),
    },
    versions: versions.map((v) => ({ extensionVersion: v.extension_version, browsers: Number(v.browsers) })),
  };
}

/** Missing selectors reported in the window, grouped by helpdesk, extension version and selector. */
async function breakagesOf(db: Kysely<Database>, orgId: string, since: string): Promise<AdapterBreakage[]> {
  const reports = await db
    .selectFrom('events')
    .select(['helpdesk', 'agent_id', 'occurred_at', 'payload'])
    .where('org_id', '=', orgId)
    .where('type', '=', 'adapter_health')
    .where('occurred_at', '>=', since)
    .orderBy('occurred_at', 'desc')
    .limit(REPORT_LIMIT)
    .execute();
  const groups = new Map<string, AdapterBreakage & { agentIds: Set<string> }>();
  for (const report of reports) {
    const parsed = HealthPayload.safeParse(JSON.parse(report.payload));
    if (!parsed.success) continue;
    const version = parsed.data.extensionVersion ?? null;
    for (const selector of parsed.data.missing) {
      const key = JSON.stringify([report.helpdesk, version, selector]);
      const group = groups.get(key) ?? {
        helpdesk: report.helpdesk,
        extensionVersion: version,
        selector,
        reports: 0,
        agents: 0,
        firstAt: report.occurred_at,
        lastAt: report.occurred_at,
        agentIds: new Set<string>(),
      };
      group.reports += 1;
      group.agentIds.add(report.agent_id);
      if (report.occurred_at < group.firstAt) group.firstAt = report.occurred_at;
      if (report.occurred_at > group.lastAt) group.lastAt = report.occurred_at;
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map(({ agentIds, ...group }) => ({ ...group, agents: agentIds.size }))
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt) || b.reports - a.reports);
}

export async function fleetHealth(
  db: Kysely<Database>,
  orgId: string,
  windowDays: number,
  now = new Date(),
): Promise<FleetHealth> {
  const since = new Date(now.getTime() - windowDays * 24 * 3_600_000).toISOString();
  const [browsers, { totals, versions }, adapterBreakages] = await Promise.all([
    browsersOf(db, orgId),
    totalsOf(db, orgId, now),
    breakagesOf(db, orgId, since),
  ]);
  return { windowDays, totals, versions, browsers, adapterBreakages };
}
