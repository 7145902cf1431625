import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type DatabaseKind, openDatabase } from '../../server/db';
import { DATABASE_KINDS, tokenForUser, withTestDatabase } from '../../server/testing';
import { freePort, startServerProcess } from '../harness/server-process';
import { Fleet } from '../load/fleet';
import { runImport } from '../load/import';
import { agentTraffic } from '../load/traffic';
import { report } from './stats-helpers';

/**
 * `npm run bench -- server-import-memory`: what 100,000-row customer imports do to a server's resident memory, the
 * load run's memory budget (growth ≤ 10 % after warm-up) on one instance. A real server process on SQLite and on
 * PostgreSQL (database `importmem_*`, dropped after) gets agent traffic throughout; after a warm-up, an admin runs
 * IMPORTS imports one after another the way the console does (upload, then follow the progress stream). Figures:
 * resident size (VmRSS) at start, after warm-up, at each import's peak and after the last, and each import's time.
 *
 *   BENCH_IMPORT_ROWS=100000 BENCH_IMPORTS=4 BENCH_WARM_UP_S=30 BENCH_DATABASES=sqlite,postgres \
 *     npm run bench -- server-import-memory
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 4);
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_S ?? 30);
/** After the last import: long enough for V8's idle-time collections to give back what they will. */
const SETTLE_S = 10;
/** Agents syncing every 30 s: 60 make six requests a second. */
const AGENTS = 60;

/** Resident memory of a process (Linux VmRSS), in MiB. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** Samples a process's RSS every 100 ms; `peakSince()` is the highest since the last call. */
function sampler(pid: number) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      // The process has ended.
    }
  }, 100);
  return {
    peakSince: () => {
      const seen = Math.max(peak, rssMb(pid));
      peak = 0;
      return seen;
    },
    stop: () => clearInterval(timer),
  };
}

const sleep = (seconds: number) => new Promise((done) => setTimeout(done, seconds * 1000));

async function benchKind(kind: DatabaseKind) {
  const run = await withTestDatabase(
    kind,
    async (testDb) => {
      const server = await startServerProcess(
        await freePort(),
        testDb.url,
        undefined,
        { RATE_LIMIT_PER_MINUTE: '6000', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '6000' },
        120_000,
      );
      const database = await openDatabase(testDb.url);
      const pid = server.child.pid ?? 0;
      const rss = sampler(pid);
      try {
        const admin = await tokenForUser(database.db, 'admin@acme.test');
        const agents = [
          await tokenForUser(database.db, 'ada@acme.test'),
          await tokenForUser(database.db, 'bo@acme.test'),
        ];
        const fleet = new Fleet(Array.from({ length: AGENTS }, (_, i) => agents[i % agents.length] as string));
        const started = rssMb(pid);
        // autocannon's promise is its run tracker, which also has stop(); its types only declare the promise.
        const traffic = agentTraffic(fleet, server.url, WARM_UP_S + IMPORTS * 120 + SETTLE_S) as ReturnType<
          typeof agentTraffic
        > & { stop: () => void };
        await sleep(WARM_UP_S);
        const warm = rssMb(pid);
        rss.peakSince();
        const imports: { seconds: number; peakMb: number; afterMb: number }[] = [];
        for (let i = 0; i < IMPORTS; i++) {
          const done = await runImport(server.url, admin, ROWS, () => undefined);
          if (done.status !== 'done' || done.report?.inserted === undefined)
            throw new Error(`import ${i + 1} ended ${done.status}: ${JSON.stringify(done.report).slice(0, 300)}`);
          imports.push({ seconds: done.doneSeconds ?? Number.NaN, peakMb: rss.peakSince(), afterMb: rssMb(pid) });
        }
        await sleep(SETTLE_S);
        const settled = rssMb(pid);
        traffic.stop();
        await traffic;
        const answered = fleet.routes.get('POST /events')?.statuses ?? {};
        return { started, warm, imports, settled, answered };
      } finally {
        rss.stop();
        await database.close();
        await server.stop();
      }
    },
    'importmem',
  );
  const area = `server-import-memory ${kind}`;
  if (run.skipped !== undefined) {
    console.log(`bench ${area}: skipped (${run.skipped})`);
    return;
  }
  const { started, warm, imports, settled, answered } = run.result;
  report(area, 'RSS at start', started, 'MiB');
  report(area, `RSS after ${WARM_UP_S} s of agent traffic (warm)`, warm, 'MiB');
  imports.forEach((one, i) => {
    report(area, `import ${i + 1} of ${ROWS} rows: time`, one.seconds, 's');
    report(area, `import ${i + 1}: peak RSS`, one.peakMb, 'MiB');
    report(area, `import ${i + 1}: RSS after`, one.afterMb, 'MiB');
  });
  report(area, 'peak RSS over the imports', Math.max(...imports.map((one) => one.peakMb)), 'MiB');
  report(area, `RSS ${SETTLE_S} s after import ${IMPORTS}`, settled, 'MiB');
  report(area, 'growth over warm', ((settled - warm) / warm) * 100, '%', '≤ 10 %');
  report(area, 'ingest answers during the run', JSON.stringify(answered), '(status: count)');
  report(
    area,
    'machine load average (1, 5, 15 min) at the end',
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    '',
  );
}

/** BENCH_DATABASES=sqlite (or postgres) runs one kind only. */
const kinds = process.env.BENCH_DATABASES?.split(',') ?? DATABASE_KINDS;
for (const kind of DATABASE_KINDS.filter((k) => kinds.includes(k))) await benchKind(kind);
