import type { BrowserContext, Page } from '@playwright/test';
import { launchPlainChromium } from '../harness/chromium';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  args?: { name?: string; data?: { message?: string } };
}

// Playwright's trace recorder snapshots the DOM between steps, shadow roots included, and reads scroll positions as it
// goes: inside a kept panel out of front (contents skipped, components/overlay.css) that read lays the panel out and
// makes Chromium render a frame the helpdesk's page would not. Counted as the page's, it made every switch look like 3.
test.use({ trace: 'off' });
const IDS = ['1002', '1003', '1001'];
const SWITCHES = 15;
const SWITCH_MARK = 'desklens-e2e-switch';

/**
 * Switches tickets on the Zendesk fixture and waits, inside the page and by timers only, until the pane is shown and
 * (with DeskLens) the overlay is ready for it. Playwright's own waiting is kept out of the traced switches: its
 * retries may ask the page for animation frames, which would be counted as the page's.
 */
function switchTicket({
  ticket,
  withOverlay,
  overlaySelector,
}: {
  ticket: string;
  withOverlay: boolean;
  overlaySelector: string;
}): Promise<string> {
  const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
  return (async () => {
    console.timeStamp('desklens-e2e-switch');
    (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate(ticket);
    // The pane appears 120 ms after the URL; what follows it (measuring, effects) settles well within this.
    await pause(400);
    if (!withOverlay) return 'ok';
    for (let waited = 0; waited < 10_000; waited += 50) {
      const overlay = document.querySelector(overlaySelector);
      if (overlay?.getAttribute('data-ticket-id') === ticket && overlay.getAttribute('data-state') === 'ready') {
        return 'ok';
      }
      await pause(50);
    }
    const overlay = document.querySelector(overlaySelector);
    return `overlay on ${overlay?.getAttribute('data-ticket-id')} (${overlay?.getAttribute('data-state')}), not ${ticket}`;
  })();
}

/** A Chromium trace of `page`'s browser while `during` runs: every event, as the trace gives them. */
async function traced(
  context: BrowserContext,
  page: Page,
  categories: string[],
  during: () => Promise<void>,
): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories } });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/**
 * Rendering updates (main frames) of the helpdesk's page in each of SWITCHES ticket switches on the Zendesk fixture:
 * each costs the page a style, layout, paint and commit pass. The counts come from a Chromium trace of the page's
 * renderer, cut at a mark the test leaves at the start of every switch.
 */
async function framesPerSwitch(context: BrowserContext, url: string, withOverlay: boolean): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(url);
  if (withOverlay) await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
  const switchTo = async (id: string) =>
    expect(
      await page.evaluate(switchTicket, { ticket: id, withOverlay, overlaySelector: ACTIVE_OVERLAY }),
      `switch to ${id}`,
    ).toBe('ok');
  // Every ticket seen once first: a first open grows the panel in, which is not a switch.
  for (const id of IDS) await switchTo(id);
  const events = await traced(context, page, ['cc', 'devtools.timeline'], async () => {
    for (let i = 0; i < SWITCHES; i++) await switchTo(IDS[i % IDS.length] as string);
  });
  await page.close();
  const rendererMain = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onPage = events.filter((e) => rendererMain.has(`${e.pid}:${e.tid}`));
  const starts = onPage
    .filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === SWITCH_MARK)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  expect(starts, 'a mark at every traced switch').toHaveLength(SWITCHES);
  // One complete event a frame (flow events share its name and time).
  const frames = onPage.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X').map((e) => e.ts);
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? Number.POSITIVE_INFINITY;
    return frames.filter((ts) => ts >= start && ts < end).length;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

test('a ticket switch costs the helpdesk no rendering update of its own: DeskLens paints with the new pane', async ({
  extension,
  zendeskOrigin,
}) => {
  test.setTimeout(120_000);
  const url = `${zendeskOrigin}/agent/tickets/1001`;
  const plain = await launchPlainChromium();
  try {
    const without = await framesPerSwitch(plain.context, url, false);
    const withOverlay = await framesPerSwitch(extension.context, url, true);
    const figures = `frames per switch with DeskLens [${withOverlay}], without [${without}]`;
    test.info().annotations.push({ type: 'frames', description: figures });
    // The page renders a few times a switch on its own (the URL's tabs, then the pane). DeskLens's panel, spacer and
    // clocks change in those same frames; asking for a frame after them (an animation frame, a
    // ResizeObserver.observe, an effect after paint) adds one to every switch (3 a switch against 2 before this was
    // fixed). The typical switch is what is compared: on a loaded machine a switch now and then takes a frame more
    // with or without DeskLens (a timer or a background answer falling between two frames).
    expect(median(without), `the fixture renders on every switch: ${figures}`).toBeGreaterThanOrEqual(1);
    expect(median(withOverlay), figures).toBeLessThanOrEqual(median(without));
  } finally {
    await plain.close();
  }
});

test('a new URL the adapter reads before the helpdesk changes the pane asks the page for no frame', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack'];
  const events = await traced(extension.context, page, categories, async () => {
    // The URL names the next ticket, the pane still shows the first one: what a helpdesk does for a moment on a
    // switch. The adapter's once-a-second check reads it (within a second), and the overlay holds its figures.
    await page.evaluate(() => history.pushState({}, '', '/agent/tickets/1002'));
    await page.evaluate(() => new Promise((done) => setTimeout(done, 1300)));
  });
  const ours = events.filter(
    (e) =>
      e.name === 'RequestAnimationFrame' &&
      (e.args as { data?: { stackTrace?: { url?: string }[] } } | undefined)?.data?.stackTrace?.some((frame) =>
        frame.url?.startsWith(`chrome-extension://${extension.extensionId}/`),
      ),
  );
  expect(
    events.some((e) => e.name === 'TimerFire'),
    'the trace holds the page’s timers',
  ).toBe(true);
  // Nothing on the page moved: the spacer is after the same header. An animation frame asked for anyway makes the
  // browser render a frame the helpdesk did not need (one switch in three did, before).
  expect(ours, 'animation frames DeskLens asked for').toHaveLength(0);
  await page.close();
});
