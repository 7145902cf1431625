/**
 * An idle period this long is one with no frame to draw: the browser grants up to 50 ms of idle time only when
 * nothing is scheduled to render (a frame's idle period ends at the next frame, 16.7 ms apart at 60 Hz).
 */
const QUIET_IDLE_MS = 30;
/** Work that waits for quiet still runs by then, on a page that never stops drawing (a spinner, an animation). */
const QUIET_MAX_WAIT_MS = 2_000;

interface IdleDeadlineLike {
  didTimeout: boolean;
  timeRemaining(): number;
}
type RequestIdle = (callback: (deadline: IdleDeadlineLike) => void, options?: { timeout: number }) => number;

/**
 * Runs `task` once the helpdesk's page has gone quiet: after the frames of a ticket switch are drawn, when idle
 * periods with no frame pending follow one another, or after `maxWaitMs` at the latest. Work that can wait
 * (re-checking figures already on screen) then never competes with the page for the main thread, or with the
 * background for a core, while the page draws the ticket the agent switched to. Nothing runs once `signal` aborts.
 * Where the browser has no idle callbacks, the task runs after the current task.
 */
export function whenQuiet(task: () => void, options: { signal: AbortSignal; maxWaitMs?: number }): void {
  const { signal } = options;
  if (signal.aborted) return;
  const requestIdle = (globalThis as { requestIdleCallback?: RequestIdle }).requestIdleCallback;
  if (!requestIdle) {
    const timer = setTimeout(() => !signal.aborted && task(), 0);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    return;
  }
  const giveUpAt = performance.now() + (options.maxWaitMs ?? QUIET_MAX_WAIT_MS);
  // Two long idle periods in a row: the one in progress when asked was granted before any frame asked for since (a
  // page that just started drawing can still be in it); the browser runs a callback asked for within an idle period
  // in the next one, which starts after that frame.
  let quietPeriods = 0;
  const wait = () => {
    const left = Math.max(1, giveUpAt - performance.now());
    requestIdle.call(
      globalThis,
      (deadline) => {
        if (signal.aborted) return;
        quietPeriods = deadline.timeRemaining() >= QUIET_IDLE_MS ? quietPeriods + 1 : 0;
        if (deadline.didTimeout || quietPeriods >= 2 || performance.now() >= giveUpAt) task();
        else wait();
      },
      { timeout: left },
    );
  };
  wait();
}
