import { effect } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEATURES } from './registry';
import { SWITCH_HOLD_MS } from './runtime';
import { runFeatures, settle, ticket } from './testing';

/** Every state and ticket the panel went through, as an agent (and the helpdesk's main thread) would see them. */
function record(run: ReturnType<typeof runFeatures>): string[] {
  const seen: string[] = [];
  effect(() => {
    seen.push(`${run.page.active.value?.ticket.value.ticketId ?? '-'} ${run.page.state.value}`);
  });
  return seen;
}

describe('the URL naming the next ticket before the helpdesk shows its pane', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('keeps the figures of the pane on screen until the new pane is there: one render per switch, no "loading"', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    // Both seen once, as through an agent's day (a first open waits for its figures, and says so).
    for (const id of ['1001', '1002', '1001']) {
      run.host.emit({ ticket: ticket(id), missing: [] });
      await settle();
    }
    const states = record(run);
    run.host.emit({ ticket: ticket('1002'), missing: ['subject', 'requester'] });
    await settle();
    expect(run.page.active.value?.ticket.value.ticketId).toBe('1001');
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    expect(states.filter((s) => s.endsWith('loading'))).toEqual([]);
    expect(states.at(-1)).toBe('1002 ready');
    // Both were answered moments ago: going back and forth asks the background nothing (FRESH_ANSWER_MS).
    expect(run.host.insightsAsked).toEqual(['1001', '1002']);
  });

  it('says "loading" once the pane is slower than the hold, counted from the first snapshot', async () => {
    vi.useFakeTimers();
    const run = runFeatures(FEATURES);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await vi.advanceTimersByTimeAsync(20);
    expect(run.page.state.value).toBe('ready');
    run.host.emit({ ticket: ticket('1002'), missing: ['subject'] });
    // The page keeps changing meanwhile: that does not extend the hold.
    await vi.advanceTimersByTimeAsync(SWITCH_HOLD_MS - 100);
    run.host.emit({ ticket: ticket('1002', { subject: 'still rendering' }), missing: ['requester'] });
    await vi.advanceTimersByTimeAsync(150);
    expect(run.page.active.value?.ticket.value.ticketId).toBe('1002');
    expect(run.page.state.value).toBe('loading');
    // The pane arrives: ready, and a part still missing after the grace period would still degrade as before.
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await vi.advanceTimersByTimeAsync(20);
    expect(run.page.state.value).toBe('ready');
  });

  it('drops the hold when the agent goes back to the ticket on screen', async () => {
    vi.useFakeTimers();
    const run = runFeatures(FEATURES);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await vi.advanceTimersByTimeAsync(20);
    const states = record(run);
    run.host.emit({ ticket: ticket('1002'), missing: ['subject'] });
    await vi.advanceTimersByTimeAsync(50);
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await vi.advanceTimersByTimeAsync(SWITCH_HOLD_MS * 2);
    expect(run.page.active.value?.ticket.value.ticketId).toBe('1001');
    expect(states.filter((s) => !s.startsWith('1001 ready'))).toEqual([]);
  });
});
