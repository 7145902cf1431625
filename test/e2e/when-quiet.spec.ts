import type { Page } from '@playwright/test';
import { pageBundle } from '../harness/bundle';
import { launchPlainChromium } from '../harness/chromium';
import { expect, test } from './fixtures';

/**
 * whenQuiet (lib/overlay/when-quiet.ts) in Chromium's own scheduler: the re-check of figures already on screen waits
 * until the page stops drawing, so it never lands in the frames of a ticket switch.
 *
 * The checks count frames the page actually drew rather than milliseconds: a loaded machine drops and delays frames
 * and timers, but the order of the task and the frames stays what whenQuiet promises. Times are only bounded far
 * from the waits under test, to tell "ran because the page went quiet" from "ran because the longest wait ran out".
 * Whether one long idle period is taken for quiet (it must not be) depends on when Chromium starts the first frame, so
 * that rule is checked against scripted idle periods in lib/overlay/when-quiet.test.ts.
 */
const bundle = pageBundle('lib/overlay/when-quiet.ts', 'DeskLensQuiet');

interface Run {
  /** When the task ran, ms after whenQuiet was called (-1: never). */
  ranAt: number;
  /** Frames the page had drawn when the task ran (-1: never ran). */
  framesBeforeTask: number;
  /** Frames the page drew in all. */
  framesDrawn: number;
}

interface Scene {
  /** Frames the page draws (a pane rendering in stages); 'until-ran' draws until the task has run (a spinner). */
  frames: number | 'until-ran';
  maxWaitMs?: number;
  /** The ticket is let go of in this frame. */
  abortAtFrame?: number;
}

/** How long a scene may take in all, on the slowest machine the tests run on. */
const SCENE_LIMIT_MS = 15_000;
/** How long a scene waits for a long idle period to start in before it starts in a short one. */
const LONG_IDLE_WAIT_MS = 3_000;
/** After the page stops drawing, how long an aborted task is given to (wrongly) run. */
const AFTER_ABORT_MS = 1_500;

/** Calls whenQuiet while the page draws as `scene` says, and reports when the task ran against the frames drawn. */
function run(page: Page, scene: Scene) {
  return page.evaluate(
    async ({ frames, maxWaitMs, abortAtFrame, limitMs, afterAbortMs, longIdleWaitMs }) => {
      const { whenQuiet } = (
        window as unknown as {
          DeskLensQuiet: {
            whenQuiet: (task: () => void, o: { signal: AbortSignal; maxWaitMs?: number }) => void;
          };
        }
      ).DeskLensQuiet;
      const box = document.body.appendChild(document.createElement('div'));
      box.style.cssText = 'height: 40px; background: teal';
      const controller = new AbortController();
      // Each scene begins inside a long idle period of a still page, as a re-check timer on a quiet helpdesk does:
      // the hardest case, since that idle period was granted before the frames the scene then asks for. A machine
      // loaded by other test lanes may grant only short idle periods for a long while (one CI run waited 88 s and
      // never got one): after `longIdleWaitMs` the scene starts in the next idle period, whatever its length.
      const idleSince = performance.now();
      await new Promise<void>((inLongIdle) => {
        const wait = () =>
          requestIdleCallback(
            (deadline) =>
              deadline.timeRemaining() >= 40 || performance.now() - idleSince > longIdleWaitMs ? inLongIdle() : wait(),
            // Called back even when no idle period comes at all, so the wait above is bounded whatever the machine.
            { timeout: 500 },
          );
        wait();
      });
      const start = performance.now();
      let ranAt = -1;
      let framesBeforeTask = -1;
      let framesDrawn = 0;
      let drawing = frames !== 0;
      const draw = () => {
        const done = frames === 'until-ran' ? ranAt >= 0 : framesDrawn >= frames;
        if (done) {
          drawing = false;
          return;
        }
        framesDrawn += 1;
        box.style.width = `${(framesDrawn * 7) % 300}px`;
        if (framesDrawn === abortAtFrame) controller.abort();
        requestAnimationFrame(draw);
      };
      if (drawing) requestAnimationFrame(draw);
      whenQuiet(
        () => {
          ranAt = performance.now() - start;
          framesBeforeTask = framesDrawn;
        },
        { signal: controller.signal, maxWaitMs },
      );
      const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
      const settled = () => !drawing && (ranAt >= 0 || controller.signal.aborted);
      while (!settled() && performance.now() - start < limitMs) await sleep(25);
      if (controller.signal.aborted) await sleep(afterAbortMs);
      box.remove();
      return { ranAt, framesBeforeTask, framesDrawn };
    },
    { ...scene, limitMs: SCENE_LIMIT_MS, afterAbortMs: AFTER_ABORT_MS, longIdleWaitMs: LONG_IDLE_WAIT_MS },
  ) as Promise<Run>;
}

test('figures are re-checked once the page has drawn, at the latest after the longest wait, never once aborted', async () => {
  test.setTimeout(90_000);
  const browser = await launchPlainChromium();
  try {
    const page = await browser.context.newPage();
    await page.setContent('<!doctype html><title>helpdesk</title><main>ticket</main>');
    await page.addScriptTag({ content: bundle });

    // A still page: it runs on quiet, well before a longest wait of 10 s would have made it.
    const still = await run(page, { frames: 0, maxWaitMs: 10_000 });
    expect(still.ranAt, JSON.stringify(still)).toBeGreaterThanOrEqual(0);
    expect(still.ranAt, JSON.stringify(still)).toBeLessThan(5_000);

    // A page drawing 30 frames (a pane rendering in stages): after its last frame, not during, and on quiet.
    const drawing = await run(page, { frames: 30, maxWaitMs: 10_000 });
    expect(drawing.framesDrawn, JSON.stringify(drawing)).toBe(30);
    expect(drawing.framesBeforeTask, JSON.stringify(drawing)).toBe(30);
    expect(drawing.ranAt, JSON.stringify(drawing)).toBeLessThan(9_000);

    // A page that never stops drawing (a spinner): by its longest wait (not the default 2 s), while it still draws.
    const spinner = await run(page, { frames: 'until-ran', maxWaitMs: 400 });
    // (Chromium's timers fire up to a clock tick early against performance.now(), which is coarsened.)
    expect(spinner.ranAt, JSON.stringify(spinner)).toBeGreaterThanOrEqual(400 - 5);
    expect(spinner.ranAt, JSON.stringify(spinner)).toBeLessThan(2_000);
    expect(spinner.framesBeforeTask, JSON.stringify(spinner)).toBeGreaterThan(0);

    // The ticket let go of while the page still drew: nothing runs, even once it has gone quiet.
    const aborted = await run(page, { frames: 30, maxWaitMs: 10_000, abortAtFrame: 5 });
    expect(aborted.framesDrawn, JSON.stringify(aborted)).toBe(30);
    expect(aborted.ranAt, JSON.stringify(aborted)).toBe(-1);
  } finally {
    await browser.close();
  }
});
