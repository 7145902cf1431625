import type { BrowserContext, Page } from '@playwright/test';
import { launchChromiumWithExtension, launchPlainChromium } from '../harness/chromium';
import { startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { switchTicket } from './fixture-switch';
import { browserCpu, THREAD_GROUPS, type ThreadGroup } from './process-cpu';
import { report } from './stats-helpers';

/**
 * CPU time a ticket switch costs the whole browser, every process and thread, with and without DeskLens: the page's
 * main thread (what `overlay-main-thread` measures), but also its compositor and raster workers, the GPU process's
 * display compositor, the browser process and the extension's own process. On an agent's two-core laptop, work on
 * any of them is work the helpdesk's main thread may wait behind. One browser runs at a time (no other browser's
 * work in the figures), in rounds that alternate the builds, so slow drift of the machine hits each alike; the
 * spread of the added total across rounds is its noise. Read from `/proc` (Linux only), in clock ticks of 10 ms,
 * over 150 switches a round: about 0.07 ms per switch.
 */
const SWITCHES = Number(process.env.BENCH_BROWSER_CPU_SWITCHES ?? 150);
const ROUNDS = Number(process.env.BENCH_BROWSER_CPU_ROUNDS ?? 3);
for (const [name, value] of [
  ['BENCH_BROWSER_CPU_SWITCHES', SWITCHES],
  ['BENCH_BROWSER_CPU_ROUNDS', ROUNDS],
] as const)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not "${value}"`);
/** Three tickets in turn, as `overlay-main-thread` switches them: each ticket's panel is kept. */
const TICKETS = ['1001', '1002', '1003'];

type PerSwitch = Record<ThreadGroup | 'total', number>;
interface Build {
  name: string;
  launch: () => Promise<{ context: BrowserContext; userDataDir: string; close: () => Promise<void> }>;
  extension: boolean;
  rounds: PerSwitch[];
}

const before = process.env.BENCH_BEFORE_EXTENSION;
const builds: Build[] = [
  { name: 'without DeskLens', launch: launchPlainChromium, extension: false, rounds: [] },
  ...(before
    ? [
        {
          name: 'before',
          launch: () => launchChromiumWithExtension({ extensionDir: before }),
          extension: true,
          rounds: [],
        },
      ]
    : []),
  { name: 'with DeskLens', launch: () => launchChromiumWithExtension(), extension: true, rounds: [] },
];

async function measure(build: Build, url: string): Promise<PerSwitch> {
  const browser = await build.launch();
  try {
    const page: Page = await browser.context.newPage();
    await page.goto(url);
    if (build.extension)
      await page
        .locator('desklens-overlay[data-active="true"][data-state="ready"]')
        .waitFor({ state: 'attached', timeout: 15_000 });
    // Warm-up: each ticket's pane built and, with DeskLens, its panel kept and answered.
    for (let i = 0; i < 2 * TICKETS.length; i++) await switchTicket(page, TICKETS[(i + 1) % TICKETS.length] as string);
    const start = browserCpu(browser.userDataDir);
    for (let i = 0; i < SWITCHES; i++) await switchTicket(page, TICKETS[(i + 1) % TICKETS.length] as string);
    const end = browserCpu(browser.userDataDir);
    const perSwitch = Object.fromEntries(
      THREAD_GROUPS.map((group) => [group, (end[group] - start[group]) / SWITCHES]),
    ) as PerSwitch;
    perSwitch.total = THREAD_GROUPS.reduce((sum, group) => sum + perSwitch[group], 0);
    return perSwitch;
  } finally {
    await browser.close();
  }
}

const server = await startFixtureServer();
try {
  const url = `${server.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1001`;
  for (let round = 0; round < ROUNDS; round++) for (const build of builds) build.rounds.push(await measure(build, url));

  const area = 'overlay browser cpu';
  const mean = (build: Build, key: keyof PerSwitch) =>
    build.rounds.reduce((sum, r) => sum + r[key], 0) / build.rounds.length;
  const without = builds[0] as Build;
  report(area, 'switches per round / rounds', `${SWITCHES} / ${ROUNDS}`, '');
  for (const build of builds) {
    report(area, `${build.name}: every thread of the browser, per switch`, mean(build, 'total'), 'ms');
    for (const group of THREAD_GROUPS) report(area, `${build.name}: ${group}, per switch`, mean(build, group), 'ms');
    if (build === without) continue;
    // Round by round: the same minutes of the machine with and without.
    const added = build.rounds.map((r, i) => r.total - (without.rounds[i]?.total ?? Number.NaN));
    report(
      area,
      `${build.name}: added, every thread, per switch (each round)`,
      added.map((ms) => ms.toFixed(2)).join(' / '),
      'ms',
    );
    for (const group of THREAD_GROUPS)
      report(area, `${build.name}: added, ${group}, per switch`, mean(build, group) - mean(without, group), 'ms');
  }
} finally {
  await server.close();
}
