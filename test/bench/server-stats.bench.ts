import { sql } from 'kysely';
import pino from 'pino';
import { createApp } from '../../server/app';
import { type DatabaseKind, openDatabase } from '../../server/db';
import { seedDemo } from '../../server/demo/seed';
import { rebuildRollups } from '../../server/stats/rollups';
import { DATABASE_KINDS, tokenForUser, withTestDatabase } from '../../server/testing';
import { p, report } from './stats-helpers';

/**
 * Stats over 1,000,000 counted feedback rows: 10 teams × 50 agents, a year of scores, a third with NPS and
 * some dimensions. Rows are generated inside the database (it is the query being measured, not the load).
 * Budget: one team's stats p95 ≤ 100 ms on SQLite and on PostgreSQL, for a quarter and for a whole year (roll-ups).
 * Also: CSV export of the same, per request.
 */
const ROWS = Number(process.env.BENCH_STATS_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 30);
const TEAMS = 10;
const YEAR_START = Date.UTC(2026, 0, 1) / 1000;

function generateSql(kind: DatabaseKind) {
  const at =
    kind === 'postgres'
      ? sql`to_char(to_timestamp(${sql.lit(YEAR_START)} + (g * 31) % 31536000) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.lit(YEAR_START)} + (g * 31) % 31536000, 'unixepoch')`;
  const series =
    kind === 'postgres'
      ? sql`from generate_series(1, ${sql.lit(ROWS)}) as s(g)`
      : sql`from (with recursive s(g) as (select 1 union all select g + 1 from s where g < ${sql.lit(ROWS)}) select g from s)`;
  return sql`
    insert into feedback (event_id, org_id, team_id, agent_id, helpdesk, ticket_id, round, csat, nps, dimensions,
      comment, customer_id, customer_email, tier_id, retracted, is_current, occurred_at,
      dim_product_quality, dim_response_speed, dim_after_sales_support)
    select 'bench-' || g, 'org_demo_acme', 'bench_team_' || (g % ${sql.lit(TEAMS)}), 'bench_agent_' || (g % 500), 'zendesk',
      'B' || g, case when g % 9 = 0 then 'follow_up' else 'initial' end, 1 + (g * 7) % 5,
      case when g % 3 = 0 then (g * 13) % 11 end, null, null, null, null, 'tier_' || (g % 4), 0, 1, ${at},
      case when g % 4 = 0 then 1 + g % 5 end, case when g % 5 = 0 then 1 + g % 5 end, case when g % 6 = 0 then 1 + g % 5 end
    ${series}`;
}

async function benchKind(kind: DatabaseKind): Promise<void> {
  const run = await withTestDatabase(kind, async (testDb) => {
    const database = await openDatabase(testDb.url);
    const db = database.db;
    await seedDemo(db);
    const now = new Date().toISOString();
    for (let team = 0; team < TEAMS; team++) {
      await db
        .insertInto('teams')
        .values({
          id: `bench_team_${team}`,
          org_id: 'org_demo_acme',
          name: `Bench ${team}`,
          slug: `bench-${team}`,
          created_at: now,
        })
        .execute();
    }
    const loadStarted = performance.now();
    await generateSql(kind).execute(db);
    // Ingest keeps the roll-ups current as scores arrive; rows loaded straight into the table need them built.
    await rebuildRollups(db);
    // What autovacuum / a nightly ANALYZE does in production: planner statistics and, on PostgreSQL, the
    // visibility map that lets index-only scans skip the table.
    await sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
    const loadMs = performance.now() - loadStarted;
    const app = createApp({
      db,
      databaseKind: database.kind,
      logger: pino({ level: 'silent' }),
      bodyLimitBytes: 1 << 20,
      rateLimitPerMinute: 1_000_000,
    });
    const token = await tokenForUser(db, 'admin@acme.test');
    const timings: Record<string, number[]> = {};
    const groupings: Record<string, string> = {
      'by agent': 'groupBy=agent',
      'by week (Europe/Berlin)': 'groupBy=week&tz=Europe%2FBerlin',
      'by dimension': 'groupBy=dimension',
      'by agent, CSV': 'groupBy=agent&format=csv',
    };
    // A lead's dashboard period (a quarter) and a whole year, both with UTC edges (all roll-ups) and with a
    // Shanghai viewer's midnights (roll-ups plus a few hours of raw rows at each end).
    const periods: Record<string, string> = {
      quarter: 'from=2026-10-01T00:00:00Z&to=2027-01-01T00:00:00Z',
      year: 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
      'quarter (Shanghai days)': 'from=2026-09-30T16:00:00Z&to=2026-12-31T16:00:00Z',
      'year (Shanghai days)': 'from=2025-12-31T16:00:00Z&to=2026-12-31T16:00:00Z',
    };
    const counted: Record<string, number> = {};
    for (let i = 0; i < RUNS + 3; i++) {
      for (const [periodName, period] of Object.entries(periods)) {
        for (const [name, shape] of Object.entries(groupings)) {
          const team = `bench_team_${i % TEAMS}`;
          const started = performance.now();
          const response = await app.request(`/api/v1/stats/satisfaction?teamId=${team}&${period}&${shape}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const body = await response.text();
          const elapsed = performance.now() - started;
          if (response.status !== 200) throw new Error(`stats answered ${response.status}: ${body}`);
          if (i === 0 && name === 'by agent')
            counted[periodName] = (JSON.parse(body) as { total: { n: number } }).total.n;
          if (i >= 3) {
            const figure = `team ${periodName}, ${name}`;
            timings[figure] = [...(timings[figure] ?? []), elapsed];
          }
        }
      }
    }
    await database.close();
    return { timings, loadMs, counted };
  });
  if (run.skipped !== undefined) {
    console.log(`bench server-stats ${kind}: skipped (${run.skipped})`);
    return;
  }
  report(`server-stats ${kind}`, `load ${ROWS} rows`, run.result.loadMs / 1000, 's');
  for (const [period, n] of Object.entries(run.result.counted))
    report(`server-stats ${kind}`, `counted scores of one team, ${period}`, n, 'rows');
  for (const [name, values] of Object.entries(run.result.timings)) {
    report(`server-stats ${kind}`, `${name} p50`, p(values, 0.5), 'ms');
    report(`server-stats ${kind}`, `${name} p95`, p(values, 0.95), 'ms', '≤ 100 ms');
  }
}

for (const kind of DATABASE_KINDS) await benchKind(kind);
