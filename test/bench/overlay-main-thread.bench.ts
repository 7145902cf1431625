import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { launchChromiumWithExtension } from '../harness/chromium';
import { startFixtureServer } from '../harness/fixture-server';
import { chromiumHostArgs, FIXTURE_HOSTS } from '../harness/hosts';
import { chromiumPath } from '../harness/paths';
import { report } from './stats-helpers';

/**
 * Main-thread time DeskLens adds to the helpdesk page per ticket switch: the Zendesk fixture switched through its
 * tickets in Chromium with the built extension and in the same Chromium without it, in the same run, alternating
 * rounds so machine noise hits both. Time is the page's own main-thread task time (CDP Performance.getMetrics
 * TaskDuration), which includes content scripts (they run on the page's thread). Budget: ratio ≤ 1.05.
 */
const ROUNDS = Number(process.env.BENCH_MAIN_THREAD_ROUNDS ?? 5);
const SWITCHES = 60;
const IDS = ['1001', '1002', '1003'];

async function plainChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'desklens-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      ...chromiumHostArgs(),
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Task time of one round of switches, each waited out until the pane is shown and things settle. */
async function round(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskTime = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  };
  const before = await taskTime();
  await page.evaluate(
    async ({ ids, switches }) => {
      const w = window as unknown as { __fixture: { navigate(id: string): void; switchDelayMs: number } };
      for (let i = 0; i < switches; i++) {
        w.__fixture.navigate(ids[i % ids.length] as string);
        // The fixture shows the pane after its delay; then give everything a frame to settle.
        await new Promise((done) => setTimeout(done, w.__fixture.switchDelayMs + 40));
      }
    },
    { ids: IDS, switches: SWITCHES },
  );
  const after = await taskTime();
  await cdp.detach();
  return (after - before) * 1000;
}

const server = await startFixtureServer();
const withExtension = await launchChromiumWithExtension();
const without = await plainChromium();
try {
  const url = `${server.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1001`;
  const pages = {
    with: await withExtension.context.newPage(),
    without: await without.context.newPage(),
  };
  for (const page of Object.values(pages)) {
    await page.goto(url);
    await page.evaluate('window.__name = (f) => f');
  }
  await pages.with
    .locator('desklens-overlay[data-active="true"][data-state="ready"]')
    .waitFor({ state: 'attached', timeout: 15_000 });
  // One round each to warm up (first pane builds, the background's first answers), not counted.
  await round(pages.with);
  await round(pages.without);
  let withMs = 0;
  let withoutMs = 0;
  for (let i = 0; i < ROUNDS; i++) {
    withMs += await round(pages.with);
    withoutMs += await round(pages.without);
  }
  const switches = ROUNDS * SWITCHES;
  report('overlay main thread', 'without DeskLens, per switch', withoutMs / switches, 'ms');
  report('overlay main thread', 'with DeskLens, per switch', withMs / switches, 'ms');
  report('overlay main thread', 'added per switch', (withMs - withoutMs) / switches, 'ms');
  report('overlay main thread', 'ratio with / without', withMs / withoutMs, '', '≤ 1.05');
} finally {
  await withExtension.close();
  await without.close();
  await server.close();
}
