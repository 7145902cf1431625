import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from './when-quiet';

/**
 * whenQuiet's rule against idle periods given exactly. Chromium's own scheduler is exercised in
 * test/e2e/when-quiet.spec.ts, but it cannot be made to grant a chosen sequence of idle periods, so the cases that
 * tell one long idle period from two (the one in progress when a switch starts drawing can be long) are scripted here.
 */
interface Asked {
  callback: (deadline: { didTimeout: boolean; timeRemaining(): number }) => void;
  timeout: number | undefined;
}

let asked: Asked[] = [];

/** Grants the next idle period: `remaining` ms of idle time, or the request's timeout having run out. */
function grant(remaining: number, didTimeout = false) {
  const next = asked.shift();
  if (!next) throw new Error('whenQuiet has not asked for an idle period');
  next.callback({ didTimeout, timeRemaining: () => remaining });
}

beforeEach(() => {
  asked = [];
  vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] });
  vi.stubGlobal('requestIdleCallback', (callback: Asked['callback'], options?: { timeout: number }) => {
    asked.push({ callback, timeout: options?.timeout });
    return asked.length;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenQuiet', () => {
  it('waits for two long idle periods in a row: the one in progress may predate the frames just asked for', () => {
    const task = vi.fn();
    whenQuiet(task, { signal: new AbortController().signal });
    grant(49);
    expect(task).not.toHaveBeenCalled();
    grant(49);
    expect(task).toHaveBeenCalledOnce();
    expect(asked).toHaveLength(0);
  });

  it('starts counting again after an idle period between frames', () => {
    const task = vi.fn();
    whenQuiet(task, { signal: new AbortController().signal });
    for (const remaining of [50, 12, 50, 29, 50, 8]) grant(remaining);
    expect(task).not.toHaveBeenCalled();
    grant(30);
    expect(task).not.toHaveBeenCalled();
    grant(30);
    expect(task).toHaveBeenCalledOnce();
  });

  it('runs by the longest wait on a page that never stops drawing, asking the browser for what is left of it', () => {
    const task = vi.fn();
    whenQuiet(task, { signal: new AbortController().signal, maxWaitMs: 400 });
    expect(asked[0]?.timeout).toBe(400);
    vi.advanceTimersByTime(150);
    grant(10);
    expect(asked[0]?.timeout).toBe(250);
    vi.advanceTimersByTime(250);
    grant(10);
    expect(task).toHaveBeenCalledOnce();
  });

  it('runs when the browser reports the wait ran out, whatever time is left in the period', () => {
    const task = vi.fn();
    whenQuiet(task, { signal: new AbortController().signal });
    grant(0, true);
    expect(task).toHaveBeenCalledOnce();
  });

  it('waits two seconds at the longest when not told otherwise', () => {
    const task = vi.fn();
    whenQuiet(task, { signal: new AbortController().signal });
    expect(asked[0]?.timeout).toBe(2_000);
  });

  it('never runs for a ticket let go of, before or while it waits', () => {
    const before = new AbortController();
    before.abort();
    const neverAsked = vi.fn();
    whenQuiet(neverAsked, { signal: before.signal });
    expect(asked).toHaveLength(0);

    const during = new AbortController();
    const task = vi.fn();
    whenQuiet(task, { signal: during.signal });
    grant(50);
    during.abort();
    grant(50);
    expect(task).not.toHaveBeenCalled();
    expect(asked).toHaveLength(0);
    expect(neverAsked).not.toHaveBeenCalled();
  });

  it('runs after the current task where the browser has no idle callbacks, unless let go of first', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const task = vi.fn();
    whenQuiet(task, { signal: new AbortController().signal });
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledOnce();

    const letGo = new AbortController();
    const dropped = vi.fn();
    whenQuiet(dropped, { signal: letGo.signal });
    letGo.abort();
    vi.advanceTimersByTime(10);
    expect(dropped).not.toHaveBeenCalled();
  });
});
