import type { Fleet, RouteName } from './fleet';
import { percentile } from './fleet';
import type { ImportRun } from './import';

export interface RouteSummary {
  route: RouteName;
  sent: number;
  answered: number;
  /** Answers that were not 2xx or 304. */
  failed: number;
  /** Never answered: timed out, cut by a killed instance, or still in flight when the load stopped. */
  unanswered: number;
  /** failed ÷ answered. */
  errorRate: number;
  /** Latencies measured (after warm-up). */
  measured: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<number, number>;
}

export interface LoadReport {
  startedAt: string;
  agents: number;
  instances: number;
  durationSeconds: number;
  warmUpSeconds: number;
  faults: boolean;
  postgresRestart: boolean;
  machine: { loadAverageAtStart: number[]; loadAverageAtEnd: number[]; cores: number };
  routes: RouteSummary[];
  autocannon: Record<string, { requests: number; errors: number; timeouts: number }>;
  events: {
    generated: number;
    acknowledged: number;
    storedReports: number;
    duplicateReports: number;
    inDatabase: number;
    missing: number;
    duplicated: number;
    missingSample: string[];
  };
  import?: ImportRun;
  memory: {
    instance: string;
    lifetimes: {
      pid: number;
      samples: number;
      firstMb?: number;
      afterWarmUpMb?: number;
      endMb?: number;
      peakMb: number;
    }[];
  }[];
  proxy: Record<string, number>;
  timeline: { at: number; what: string }[];
}

const round = (value: number) => Math.round(value * 10) / 10;

export function routeSummaries(fleet: Fleet): RouteSummary[] {
  return [...fleet.routes.entries()].map(([route, figures]) => {
    const failed = Object.entries(figures.statuses)
      .filter(([status]) => !(Number(status) < 300 || Number(status) === 304))
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      route,
      sent: figures.sent,
      answered: figures.answered,
      failed,
      unanswered: Math.max(0, figures.sent - figures.answered),
      errorRate: figures.answered ? failed / figures.answered : 0,
      measured: figures.latenciesMs.length,
      p50Ms: round(percentile(figures.latenciesMs, 50)),
      p95Ms: round(percentile(figures.latenciesMs, 95)),
      p99Ms: round(percentile(figures.latenciesMs, 99)),
      maxMs: round(Math.max(...figures.latenciesMs)),
      statuses: figures.statuses,
    };
  });
}

export interface Verdict {
  name: string;
  value: string;
  pass: boolean;
  /** Lost or doubled data fails the run; latency and memory are reported against their budgets. */
  correctness: boolean;
}

/** The budgets: ingest p99 ≤ 250 ms, stats p95 ≤ 300 ms, nothing lost or doubled, memory growth ≤ 10%. */
export function verdicts(report: LoadReport): Verdict[] {
  const ingest = report.routes.find((r) => r.route === 'POST /events');
  const statsRoutes = report.routes.filter((r) => r.route.startsWith('GET /stats/'));
  const statsP95 = Math.max(...statsRoutes.map((r) => r.p95Ms));
  const growth = report.memory.flatMap((m) =>
    m.lifetimes
      .filter((l) => l.afterWarmUpMb && l.endMb && l.samples > 10)
      .map((l) => ({
        instance: m.instance,
        pid: l.pid,
        growth: ((l.endMb ?? 0) - (l.afterWarmUpMb ?? 0)) / (l.afterWarmUpMb ?? 1),
      })),
  );
  const worst = Math.max(...growth.map((g) => g.growth));
  return [
    {
      name: 'ingest p99 ≤ 250 ms',
      value: `${ingest?.p99Ms} ms`,
      pass: (ingest?.p99Ms ?? Infinity) <= 250,
      correctness: false,
    },
    { name: 'stats p95 ≤ 300 ms (worst view)', value: `${statsP95} ms`, pass: statsP95 <= 300, correctness: false },
    {
      name: '0 events lost',
      value: String(report.events.missing),
      pass: report.events.missing === 0,
      correctness: true,
    },
    {
      name: '0 events duplicated',
      value: String(report.events.duplicated),
      pass: report.events.duplicated === 0,
      correctness: true,
    },
    {
      name: 'every event acknowledged to its agent',
      value: `${report.events.acknowledged} of ${report.events.generated}`,
      pass: report.events.acknowledged === report.events.generated,
      correctness: true,
    },
    {
      name: 'memory growth ≤ 10% after warm-up',
      value: growth.map((g) => `${g.instance}(${g.pid}) ${(g.growth * 100).toFixed(1)}%`).join(', ') || 'n/a',
      pass: growth.length > 0 && worst <= 0.1,
      correctness: false,
    },
  ];
}

export function printReport(report: LoadReport) {
  const lines: string[] = [];
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  lines.push(
    `\nDeskLens load run ${report.startedAt}: ${report.agents} agents, ${report.durationSeconds} s, ${report.instances} instance(s) on one PostgreSQL behind a round-robin proxy${report.faults ? ', one instance SIGKILLed and restarted' : ''}${report.postgresRestart ? ', PostgreSQL restarted' : ''}`,
  );
  lines.push(
    `machine: ${report.machine.cores} cores, load average ${load(report.machine.loadAverageAtStart)} at start, ${load(report.machine.loadAverageAtEnd)} at end (shared with other work)`,
  );
  lines.push('');
  lines.push(
    '| route | requests | answered | not 2xx/304 | error rate | unanswered | p50 ms | p95 ms | p99 ms | max ms |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of report.routes)
    lines.push(
      `| ${r.route} | ${r.sent} | ${r.answered} | ${r.failed} | ${(r.errorRate * 100).toFixed(2)}% | ${r.unanswered} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} |`,
    );
  lines.push(
    `(latencies after a warm-up of ${report.warmUpSeconds} s; statuses: ${JSON.stringify(Object.fromEntries(report.routes.map((r) => [r.route, r.statuses])))})`,
  );
  const e = report.events;
  lines.push('');
  lines.push(
    `events: ${e.generated} sent, ${e.acknowledged} acknowledged, ${e.inDatabase} in the database, ${e.missing} missing, ${e.duplicated} duplicated (server said stored ${e.storedReports}, duplicate ${e.duplicateReports})`,
  );
  if (report.import)
    lines.push(
      `import: ${report.import.rows} rows, ${report.import.status} after ${report.import.attempts} upload(s); received in ${report.import.receivedSeconds ?? '–'} s, done in ${report.import.doneSeconds ?? '–'} s, ${report.import.progressEvents} progress events`,
    );
  for (const m of report.memory)
    for (const l of m.lifetimes)
      lines.push(
        `memory ${m.instance} (pid ${l.pid}): ${l.firstMb?.toFixed(0)} MiB at start, ${l.afterWarmUpMb?.toFixed(0)} MiB after warm-up, ${l.endMb?.toFixed(0)} MiB at end, peak ${l.peakMb.toFixed(0)} MiB`,
      );
  lines.push(`proxy: ${JSON.stringify(report.proxy)}`);
  for (const t of report.timeline) lines.push(`  ${t.at} s: ${t.what}`);
  lines.push('');
  for (const v of verdicts(report)) lines.push(`${v.pass ? 'PASS' : 'FAIL'}  ${v.name}: ${v.value}`);
  console.log(lines.join('\n'));
}
