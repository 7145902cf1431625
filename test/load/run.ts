import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { newToken, storeToken } from '../../server/auth/tokens';
import { openDatabase } from '../../server/db';
import { createTestDatabase, type TestDatabase, tokenForUser } from '../../server/testing';
import { ROOT } from '../harness/paths';
import { freePort, type ServerProcess, startServerProcess } from '../harness/server-process';
import { Fleet } from './fleet';
import { runImport } from './import';
import { type LoadReport, printReport, routeSummaries, verdicts } from './report';
import { agentTraffic, leadTraffic } from './traffic';

/**
 * `npm run load`: a support floor against two DeskLens instances on one PostgreSQL behind a round-robin proxy —
 * agents syncing every 30 s (autocannon), a lead reading figures, an admin importing customers — then checks that
 * every event sent was stored exactly once and reports latency per route, errors and the instances' memory.
 *
 *   npm run load                                  # 300 agents, 10 minutes
 *   npm run load -- --smoke                       # 30 agents, 20 s, 5,000-row import: does the harness work
 *   npm run load -- --faults                      # …and one instance SIGKILLed and restarted mid-run
 *   npm run load -- --faults --pg-restart         # …and PostgreSQL restarted once (a shared server: say so first)
 *   npm run load -- --instances 1 --agents 600 --duration 300   # how many agents does one instance hold?
 */
const { values: args } = parseArgs({
  options: {
    agents: { type: 'string' },
    instances: { type: 'string' },
    duration: { type: 'string' },
    'import-rows': { type: 'string' },
    smoke: { type: 'boolean', default: false },
    faults: { type: 'boolean', default: false },
    'pg-restart': { type: 'boolean', default: false },
    database: { type: 'string' },
    report: { type: 'string' },
  },
});
const smoke = args.smoke ?? false;
const agentCount = Number(args.agents ?? (smoke ? 30 : 300));
const durationSeconds = Number(args.duration ?? (smoke ? 20 : 600));
const instanceCount = Number(args.instances ?? 2);
/** Latencies and memory before this are not held against the budgets: JIT, cold caches, pools filling. */
const warmUpSeconds = Math.min(60, Math.round(durationSeconds * 0.2));
const importRows = Number(args['import-rows'] ?? (smoke ? 5_000 : 100_000));
const reportPath = resolve(ROOT, args.report ?? 'test-results/load-report.json');
const log = (message: string) => console.log(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Resident memory of a process now (Linux VmRSS), in MiB. */
function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // A killed process that is not reaped yet (a zombie) has a status without VmRSS: it has no memory to report.
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

interface Instance {
  name: string;
  port: number;
  process: ServerProcess;
  /** One series per process lifetime: a restart starts a new one. */
  memory: { pid: number; samples: { at: number; mb: number }[] }[];
}

/** A busy machine can take long to start an instance (TypeScript compiled on the fly, demo passwords hashed). */
const READY_MS = 120_000;

/** Whatever this run started, stopped in reverse order however it ends (a failure, Ctrl-C). */
const cleanups: (() => Promise<unknown> | unknown)[] = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });

const SERVER_ENV = {
  // Each agent syncs three requests every 30 s; the per-token limit is not what is being measured here.
  RATE_LIMIT_PER_MINUTE: '600',
  ANONYMOUS_RATE_LIMIT_PER_MINUTE: '600',
};

async function startInstance(name: string, databaseUrl: string, port?: number): Promise<Instance> {
  const chosen = port ?? (await freePort());
  const process = await startServerProcess(chosen, databaseUrl, undefined, SERVER_ENV, READY_MS);
  cleanups.push(() => process.stop());
  return { name, port: chosen, process, memory: [{ pid: process.child.pid ?? 0, samples: [] }] };
}

async function startProxy(upstreams: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'test/load/proxy.ts'), '0', ...upstreams], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    child.stdout?.on('data', (data: Buffer) => {
      const match = /listening (\d+)/.exec(data.toString());
      if (match) done(Number(match[1]));
    });
    child.once('exit', (code) => fail(new Error(`proxy exited with ${code}`)));
  });
  cleanups.push(() => child.kill('SIGTERM'));
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Agents of the demo organisation's first team, each with its own API token, as enrollment would leave them. */
async function seedAgents(databaseUrl: string, count: number) {
  const database = await openDatabase(databaseUrl);
  try {
    const team = await database.db
      .selectFrom('teams')
      .select(['id', 'org_id'])
      .where('id', '=', 'team_demo_tier1')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `user_load_${i}`;
      await database.db
        .insertInto('users')
        .values({
          id,
          org_id: team.org_id,
          team_id: team.id,
          email: `load-agent-${i}@acme.test`,
          name: `Load Agent ${i}`,
          role: 'agent',
          password_hash: null,
          created_at: now,
          deactivated_at: null,
        })
        .execute();
      const token = newToken('agent');
      await storeToken(database.db, token, {
        org_id: team.org_id,
        user_id: id,
        team_id: team.id,
        kind: 'agent',
        label: `load agent ${i}`,
        expires_at: null,
      });
      tokens.push(token);
    }
    const lead = await tokenForUser(database.db, 'lee@acme.test');
    const admin = await tokenForUser(database.db, 'admin@acme.test');
    return { tokens, lead, admin };
  } finally {
    await database.close();
  }
}

/** Sends what is still in the agents' outboxes until every event is acknowledged (or `deadline` passes). */
async function drain(fleet: Fleet, url: string, deadline: number) {
  while (fleet.pending() > 0 && Date.now() < deadline) {
    for (const agent of fleet.agents) {
      if (agent.outbox.length === 0) continue;
      try {
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
          body: fleet.batch(agent),
        });
        const body = await response.text();
        if (response.status === 200) fleet.acknowledge(agent, body);
      } catch {
        // The next round sends it again.
      }
    }
    if (fleet.pending() > 0) await new Promise((done) => setTimeout(done, 1_000));
  }
}

/** Every event generated, as the database holds it: missing ones, and any represented more than once. */
async function verifyEvents(databaseUrl: string, ids: string[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const stored = await client.query<{ id: string }>('select id from events where id = any($1::text[])', [ids]);
    const found = new Set(stored.rows.map((row) => row.id));
    const missing = ids.filter((id) => !found.has(id));
    const duplicated: string[] = [];
    for (const table of ['events', 'feedback', 'script_usage', 'sla_outcomes']) {
      const column = table === 'events' ? 'id' : 'event_id';
      const repeated = await client.query<{ id: string }>(
        `select ${column} as id from ${table} where ${column} = any($1::text[]) group by ${column} having count(*) > 1`,
        [ids],
      );
      duplicated.push(...repeated.rows.map((row) => `${table}:${row.id}`));
    }
    return {
      stored: found.size,
      missing: missing.length,
      duplicated: duplicated.length,
      missingSample: missing.slice(0, 5),
    };
  } finally {
    await client.end();
  }
}

function restartPostgres() {
  const version = readdirSync('/etc/postgresql')[0];
  if (!version) throw new Error('no cluster in /etc/postgresql');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], { stdio: 'inherit' });
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const throwaway: TestDatabase | undefined = args.database ? undefined : await createTestDatabase('postgres');
  if (throwaway) cleanups.push(() => throwaway.drop());
  const databaseUrl = args.database ?? throwaway?.url ?? '';
  if (!databaseUrl.startsWith('postgres')) throw new Error('--database must be a postgres:// URL');
  log(
    `${agentCount} agents, ${durationSeconds} s, ${importRows}-row import${args.faults ? ', faults' : ''}${args['pg-restart'] ? ', PostgreSQL restart' : ''}`,
  );

  const instances: Instance[] = [];
  for (const name of ['A', 'B', 'C', 'D'].slice(0, instanceCount))
    instances.push(await startInstance(name, databaseUrl));
  const { tokens, lead, admin } = await seedAgents(databaseUrl, agentCount);
  const proxy = await startProxy(instances.map((i) => `http://127.0.0.1:${i.port}`));
  log(`instances on ${instances.map((i) => i.port).join(', ')}; proxy ${proxy.url}`);

  const runStart = Date.now();
  const sampler = setInterval(() => {
    for (const instance of instances) {
      const series = instance.memory.at(-1);
      const mb = rssMb(series?.pid);
      if (series && mb !== undefined) series.samples.push({ at: (Date.now() - runStart) / 1000, mb });
    }
  }, 2_000);

  const fleet = new Fleet(tokens);
  fleet.measureFrom = performance.now() + warmUpSeconds * 1000;
  const events: { at: number; what: string }[] = [];
  const mark = (what: string) => {
    events.push({ at: Math.round((Date.now() - runStart) / 100) / 10, what });
    log(what);
  };
  const at = (fraction: number, action: () => Promise<void> | void) =>
    new Promise<void>((done) =>
      setTimeout(
        () =>
          Promise.resolve(action())
            .catch((error: unknown) => mark(`failed: ${error instanceof Error ? error.message : String(error)}`))
            .finally(done),
        fraction * durationSeconds * 1000,
      ),
    );

  const traffic = Promise.all([
    agentTraffic(fleet, proxy.url, durationSeconds),
    leadTraffic(fleet, proxy.url, lead, durationSeconds),
  ]);
  let importResult: Awaited<ReturnType<typeof runImport>> | undefined;
  const scheduled: Promise<void>[] = [
    at(0.25, async () => {
      mark(`admin starts a ${importRows}-row customer import`);
      importResult = await runImport(proxy.url, admin, importRows, mark);
    }),
  ];
  if (args.faults)
    scheduled.push(
      at(0.4, async () => {
        const victim = instances[0] as Instance;
        mark(`SIGKILL instance ${victim.name} (pid ${victim.process.child.pid})`);
        await victim.process.kill9();
        await new Promise((done) => setTimeout(done, 2_000));
        victim.process = await startServerProcess(victim.port, databaseUrl, undefined, SERVER_ENV, READY_MS);
        const restarted = victim.process;
        cleanups.push(() => restarted.stop());
        victim.memory.push({ pid: victim.process.child.pid ?? 0, samples: [] });
        mark(`instance ${victim.name} restarted (pid ${victim.process.child.pid})`);
      }),
    );
  if (args['pg-restart'])
    scheduled.push(
      at(0.7, () => {
        mark('restarting PostgreSQL');
        restartPostgres();
        mark('PostgreSQL is back');
      }),
    );

  const [agentsResult, leadResult] = await traffic;
  await Promise.all(scheduled);
  mark(`load over; ${fleet.pending()} events still in outboxes, sending them`);
  await drain(fleet, proxy.url, Date.now() + 120_000);
  clearInterval(sampler);

  const verified = await verifyEvents(databaseUrl, [...fleet.generated]);
  const proxyCounts = (await (await fetch(`${proxy.url}/__proxy/counts`)).json()) as Record<string, number>;
  await cleanUp();

  const report: LoadReport = {
    startedAt: startedAt.toISOString(),
    agents: agentCount,
    instances: instanceCount,
    durationSeconds,
    warmUpSeconds,
    faults: Boolean(args.faults),
    postgresRestart: Boolean(args['pg-restart']),
    machine: {
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadavg(),
      cores: (await import('node:os')).cpus().length,
    },
    routes: routeSummaries(fleet),
    autocannon: {
      agents: { requests: agentsResult.requests.total, errors: agentsResult.errors, timeouts: agentsResult.timeouts },
      lead: { requests: leadResult.requests.total, errors: leadResult.errors, timeouts: leadResult.timeouts },
    },
    events: {
      generated: fleet.generated.size,
      acknowledged: fleet.acknowledged.size,
      storedReports: fleet.storedReports,
      duplicateReports: fleet.duplicateReports,
      inDatabase: verified.stored,
      missing: verified.missing,
      duplicated: verified.duplicated,
      missingSample: verified.missingSample,
    },
    import: importResult,
    memory: instances.map((instance) => ({
      instance: instance.name,
      lifetimes: instance.memory.map((series) => ({
        pid: series.pid,
        samples: series.samples.length,
        firstMb: series.samples[0]?.mb,
        // Warm-up counts from each process's own start: an instance restarted mid-run warms up again.
        afterWarmUpMb: series.samples.find((s) => s.at >= (series.samples[0]?.at ?? 0) + warmUpSeconds)?.mb,
        endMb: series.samples.at(-1)?.mb,
        peakMb: Math.max(...series.samples.map((s) => s.mb)),
      })),
    })),
    proxy: proxyCounts,
    timeline: events,
  };
  mkdirSync(resolve(reportPath, '..'), { recursive: true });
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  printReport(report);
  log(`report written to ${reportPath}`);
  const failed = verdicts(report).filter((v) => v.correctness && !v.pass);
  process.exit(failed.length ? 1 : 0);
}

try {
  await main();
} catch (error) {
  console.error(error);
  await cleanUp();
  process.exit(2);
}
