import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * `npm test`: every check a change must pass, in the order that fails fastest, with one summary line.
 * Steps keep running after a failure so one run shows everything that is wrong.
 */
const root = resolve(import.meta.dirname, '..');
const results = resolve(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Reads the step's test counts from its report, if it has one. */
  counts?: () => Counts | undefined;
  /** Where its output goes while another lane prints (shown whole once the step ends). */
  log?: string;
}
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(file: string): () => Counts | undefined {
  return () => {
    if (!existsSync(file)) return undefined;
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  };
}

function playwrightCounts(file: string): () => Counts | undefined {
  return () => {
    if (!existsSync(file)) return undefined;
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    return {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
      skipped: report.stats.skipped,
    };
  };
}

const npx = 'npx';
const unitTests: Step = {
  name: 'unit tests (vitest)',
  command: npx,
  args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`],
  counts: vitestCounts(`${results}/unit.json`),
  log: `${results}/unit.log`,
};
const chromiumLane: Step[] = [
  {
    name: 'e2e in Chromium (Playwright)',
    command: npx,
    args: ['playwright', 'test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e-chromium.json` },
    counts: playwrightCounts(`${results}/e2e-chromium.json`),
  },
];
const firefoxSteps: Step[] = [
  {
    name: 'e2e in Firefox ESR (puppeteer-core, WebDriver BiDi)',
    command: npx,
    args: [
      'vitest',
      'run',
      '--config',
      'vitest.firefox.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${results}/e2e-firefox.json`,
    ],
    counts: vitestCounts(`${results}/e2e-firefox.json`),
    log: `${results}/e2e-firefox.log`,
  },
  {
    name: 'web-ext lint (Firefox build)',
    command: npx,
    args: ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--self-hosted', '--no-config-discovery'],
    log: `${results}/web-ext-lint.log`,
  },
];
/**
 * The order that fails fastest: quick checks, then the build, then two lanes at once. The unit tests use no browser
 * and the Chromium lane leaves most of two cores idle while pages load and clocks tick, so the lanes share the machine
 * instead of queueing. Firefox follows the unit tests, beside Chromium: since the unit tests stopped hashing at the
 * server's scrypt cost they end ~10 minutes before Chromium (2026-12-02: 991 s against 1,615 s), and the policy
 * files the two browsers' tests write are each read only by their own browser (/etc/chromium, /etc/firefox). Two
 * Chromium policy specs at once would overwrite each other's file: those run last in the Chromium lane, one at a
 * time (playwright.config.ts).
 */
const phases: Step[][][] = [
  [[{ name: 'browsers present', command: npx, args: ['tsx', 'scripts/ensure-browsers.ts'] }]],
  [[{ name: 'type-check', command: npx, args: ['tsc', '--noEmit'] }]],
  [[{ name: 'lint', command: npx, args: ['biome', 'check', '.'] }]],
  // A route changed without `npm run api:types` leaves the console typed against the old API.
  [[{ name: 'console API types current', command: npx, args: ['tsx', 'scripts/api-types.ts', '--check'] }]],
  // A training ticket added without `npx tsx tools/train-situations.ts` leaves the shipped model behind its data.
  [[{ name: 'situation model current', command: npx, args: ['tsx', 'tools/train-situations.ts', '--check'] }]],
  [
    [
      {
        name: 'build (chrome-mv3, firefox-mv2, Zendesk app, console)',
        command: 'npm',
        args: ['run', 'build', '--silent'],
      },
    ],
  ],
  [[unitTests, ...firefoxSteps], chromiumLane],
];

function run(step: Step): Promise<number> {
  return new Promise((done) => {
    const env = { ...process.env, ...step.env };
    const child = step.log
      ? spawn(step.command, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env })
      : spawn(step.command, step.args, { cwd: root, stdio: 'inherit', env });
    if (step.log) {
      const out = createWriteStream(step.log);
      child.stdout?.pipe(out);
      child.stderr?.pipe(out);
    }
    child.on('exit', (code) => done(code ?? 1));
    child.on('error', () => done(1));
  });
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
let failedSteps = 0;
/** A failing step without a test report (type-check, lint, build) counts as one failed check. */
let failedChecks = 0;
async function runStep(step: Step): Promise<number> {
  const started = Date.now();
  console.log(`\n▶ ${step.name}${step.log ? ` (output in ${step.log}, shown when it ends)` : ''}`);
  const code = await run(step);
  if (step.log && existsSync(step.log)) console.log(`\n▶ ${step.name}: its output\n${readFileSync(step.log, 'utf8')}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = step.counts?.();
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  if (code !== 0) {
    failedSteps++;
    if (!counts || counts.failed === 0) failedChecks++;
  }
  const countText = counts ? ` — ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : '';
  summary.push(`${code === 0 ? '✔' : '✖'} ${step.name} (${seconds} s)${countText}`);
  return code;
}

async function runLane(lane: Step[]): Promise<void> {
  for (const step of lane) await runStep(step);
}

for (const [index, lanes] of phases.entries()) {
  await Promise.all(lanes.map(runLane));
  // Without browsers nothing after the first check can run.
  if (index === 0 && failedSteps > 0) break;
}

console.log(`\n${summary.join('\n')}`);
if (failedSteps > 0) console.log(`${failedSteps} step(s) failed`);
console.log(`${total.passed} passed, ${total.failed + failedChecks} failed, ${total.skipped} skipped`);
process.exit(failedSteps > 0 ? 1 : 0);
