import type { Page } from '@playwright/test';
import { pageBundle } from '../harness/bundle';
import { launchPlainChromium } from '../harness/chromium';
import { expect, test } from './fixtures';

/**
 * whenQuiet (lib/overlay/when-quiet.ts) in Chromium's own scheduler: the re-check of figures already on screen waits
 * until the page stops drawing, so it never lands in the frames of a ticket switch.
 */
const bundle = pageBundle('lib/overlay/when-quiet.ts', 'DeskLensQuiet');

interface Timing {
  /** When the task ran, ms after whenQuiet was called (-1: never). */
  ranAt: number;
  /** When the page drew its last animated frame, ms after whenQuiet was called. */
  lastFrameAt: number;
}

/** Calls whenQuiet while the page animates a box for `drawMs` (0: a still page), and reports when each happened. */
function timing(page: Page, drawMs: number, options: { maxWaitMs?: number; abortAfterMs?: number } = {}) {
  return page.evaluate(
    async ({ drawMs, maxWaitMs, abortAfterMs, waitMs }) => {
      const { whenQuiet } = (
        window as unknown as {
          DeskLensQuiet: {
            whenQuiet: (task: () => void, o: { signal: AbortSignal; maxWaitMs?: number }) => void;
          };
        }
      ).DeskLensQuiet;
      const box = document.body.appendChild(document.createElement('div'));
      box.style.cssText = 'height: 40px; background: teal';
      const start = performance.now();
      let lastFrameAt = 0;
      const draw = (now: number) => {
        if (now - start >= drawMs) return;
        box.style.width = `${Math.round(now - start) % 300}px`;
        lastFrameAt = now - start;
        requestAnimationFrame(draw);
      };
      if (drawMs > 0) requestAnimationFrame(draw);
      const controller = new AbortController();
      let ranAt = -1;
      whenQuiet(
        () => {
          ranAt = performance.now() - start;
        },
        { signal: controller.signal, maxWaitMs },
      );
      if (abortAfterMs !== undefined) setTimeout(() => controller.abort(), abortAfterMs);
      await new Promise((done) => setTimeout(done, waitMs));
      box.remove();
      return { ranAt, lastFrameAt };
    },
    { drawMs, maxWaitMs: options.maxWaitMs, abortAfterMs: options.abortAfterMs, waitMs: drawMs + 1_000 },
  ) as Promise<Timing>;
}

test('figures are re-checked once the page has drawn, at the latest after the longest wait, never once aborted', async () => {
  test.setTimeout(60_000);
  const browser = await launchPlainChromium();
  try {
    const page = await browser.context.newPage();
    await page.setContent('<!doctype html><title>helpdesk</title><main>ticket</main>');
    await page.addScriptTag({ content: bundle });

    // A still page: within a few idle periods, long before the longest wait (2 s by default).
    const still = await timing(page, 0);
    expect(still.ranAt, JSON.stringify(still)).toBeGreaterThanOrEqual(0);
    expect(still.ranAt, JSON.stringify(still)).toBeLessThan(1_000);

    // A page drawing for 500 ms (a pane rendering in stages): after its last frame, not during.
    const drawing = await timing(page, 500, { maxWaitMs: 5_000 });
    // It drew (a loaded machine may drop its later frames: what counts is that the task waited for the last one).
    expect(drawing.lastFrameAt, JSON.stringify(drawing)).toBeGreaterThan(0);
    expect(drawing.ranAt, JSON.stringify(drawing)).toBeGreaterThanOrEqual(drawing.lastFrameAt);
    expect(drawing.ranAt, JSON.stringify(drawing)).toBeLessThan(drawing.lastFrameAt + 1_000);

    // A page that never stops drawing (a spinner): by the longest wait, while it still draws.
    const spinner = await timing(page, 1_500, { maxWaitMs: 400 });
    expect(spinner.ranAt, JSON.stringify(spinner)).toBeGreaterThanOrEqual(400);
    expect(spinner.ranAt, JSON.stringify(spinner)).toBeLessThan(spinner.lastFrameAt);

    // The ticket let go before the page went quiet: nothing runs.
    const aborted = await timing(page, 500, { maxWaitMs: 5_000, abortAfterMs: 200 });
    expect(aborted.ranAt, JSON.stringify(aborted)).toBe(-1);
  } finally {
    await browser.close();
  }
});
