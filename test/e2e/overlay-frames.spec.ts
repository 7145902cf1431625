import type { BrowserContext } from '@playwright/test';
import { launchPlainChromium } from '../harness/chromium';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const IDS = ['1002', '1003', '1001'];
const SWITCHES = 12;

/**
 * Rendering updates (main frames) of the helpdesk's page over SWITCHES ticket switches on the Zendesk fixture: each
 * costs the page a style, layout, paint and commit pass. The count comes from a Chromium trace of the page's renderer.
 */
async function framesOverSwitches(context: BrowserContext, url: string, withOverlay: boolean): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  if (withOverlay) await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
  const switchTo = async (id: string) => {
    await page.evaluate(
      (ticket) => (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate(ticket),
      id,
    );
    if (withOverlay) {
      await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-ticket-id', id);
      await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
    }
    // The pane appears 120 ms after the URL; what follows it (measuring, effects) settles well within this.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 400)));
  };
  // Every ticket seen once first: a first open grows the panel in, which is not a switch.
  for (const id of IDS) await switchTo(id);
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['cc', 'devtools.timeline'] } });
  for (let i = 0; i < SWITCHES; i++) await switchTo(IDS[i % IDS.length] as string);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  const rendererMain = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && rendererMain.has(`${e.pid}:${e.tid}`)).length;
}

test('a ticket switch costs the helpdesk no rendering update of its own: DeskLens paints with the new pane', async ({
  extension,
  zendeskOrigin,
}) => {
  test.setTimeout(90_000);
  const url = `${zendeskOrigin}/agent/tickets/1001`;
  const plain = await launchPlainChromium();
  try {
    const without = await framesOverSwitches(plain.context, url, false);
    const withOverlay = await framesOverSwitches(extension.context, url, true);
    // The page renders several times a switch on its own (the URL's tabs, then the pane). DeskLens's panel, spacer
    // and clocks change in those same frames; asking for a frame after them (an animation frame, a
    // ResizeObserver.observe, an effect after paint) adds at least one a switch (45 more over 12 switches before
    // this was fixed). Half a frame a switch of slack: the once-a-minute clock, a background answer between frames.
    expect(without, 'the fixture renders on every switch').toBeGreaterThanOrEqual(SWITCHES);
    expect(
      withOverlay - without,
      `frames over ${SWITCHES} switches: ${withOverlay} with, ${without} without`,
    ).toBeLessThanOrEqual(SWITCHES / 2);
  } finally {
    await plain.close();
  }
});
