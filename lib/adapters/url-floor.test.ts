import { afterEach, describe, expect, it, vi } from 'vitest';
import { urlFloor } from './url-floor';

/** A window as far as the floor uses one: a URL that changes without any event, and the timers. */
function fakeWindow(href: string) {
  return {
    location: { href },
    setInterval: (handler: () => void, ms: number) => setInterval(handler, ms),
    clearInterval: (id: ReturnType<typeof setInterval>) => clearInterval(id),
  };
}

describe('the adapters’ once-a-second floor', () => {
  afterEach(() => vi.useRealTimers());

  it('reads the page within a second of a URL change nothing announced, and not at every tick otherwise', () => {
    vi.useFakeTimers();
    const win = fakeWindow('https://acme.zendesk.com/agent/tickets/1');
    const controller = new AbortController();
    const reads: string[] = [];
    const read = urlFloor({
      win: win as unknown as Window,
      signal: controller.signal,
      read: () => reads.push(win.location.href),
      quietReadMs: 5000,
    });
    read(); // the adapter's first read
    vi.advanceTimersByTime(4000);
    expect(reads).toHaveLength(1);
    win.location.href = 'https://acme.zendesk.com/agent/tickets/2';
    vi.advanceTimersByTime(1000);
    expect(reads).toEqual(['https://acme.zendesk.com/agent/tickets/1', 'https://acme.zendesk.com/agent/tickets/2']);
    // Quiet: one read every five seconds, for what no observer sees.
    vi.advanceTimersByTime(4000);
    expect(reads).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(reads).toHaveLength(3);
    // A read the observer made counts: the quiet read waits five seconds from it.
    vi.advanceTimersByTime(2500);
    read();
    vi.advanceTimersByTime(4000);
    expect(reads).toHaveLength(4);
    vi.advanceTimersByTime(1500); // the first tick five seconds after it
    expect(reads).toHaveLength(5);
    controller.abort();
    win.location.href = 'https://acme.zendesk.com/agent/tickets/3';
    vi.advanceTimersByTime(10_000);
    expect(reads).toHaveLength(5);
  });

  it('reads at the next tick when the observer lost its root', () => {
    vi.useFakeTimers();
    const win = fakeWindow('https://acme.zendesk.com/agent/tickets/1');
    let lost = false;
    const reads: number[] = [];
    const read = urlFloor({
      win: win as unknown as Window,
      signal: new AbortController().signal,
      read: () => reads.push(Date.now()),
      quietReadMs: 60_000,
      stale: () => lost,
    });
    read();
    vi.advanceTimersByTime(3000);
    expect(reads).toHaveLength(1);
    lost = true;
    vi.advanceTimersByTime(1000);
    expect(reads).toHaveLength(2);
  });
});
