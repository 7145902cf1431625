import { describe, expect, it } from 'vitest';
import { createStatusWatch } from './status-history';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const M = 60_000;
const iso = (minutes: number) => new Date(T0 + minutes * M).toISOString();

describe('status history from what the page showed', () => {
  it('knows nothing beyond the current status until the page shows a change', () => {
    let clock = T0 + 60 * M;
    const watch = createStatusWatch(() => clock);
    watch.observe('7', 'open');
    watch.observe('7', 'open');
    expect(watch.history('7', { createdAt: iso(0) })).toBeUndefined();
    clock = T0 + 90 * M;
    watch.observe('7', 'solved');
    expect(watch.history('7', { createdAt: iso(0) })).toEqual([
      { status: 'open', at: iso(0) },
      { status: 'solved', at: iso(90) },
    ]);
    // Another ticket is watched on its own.
    expect(watch.history('8', { createdAt: iso(0) })).toBeUndefined();
  });

  it('dates a reopen by the customer’s reply that caused it, when the page showed it only later', () => {
    let clock = T0 + 90 * M;
    const watch = createStatusWatch(() => clock);
    watch.observe('7', 'solved');
    clock = T0 + 200 * M; // the agent comes back to the tab
    watch.observe('7', 'open');
    const comments = [
      { authorRole: 'customer' as const, at: iso(0) },
      { authorRole: 'agent' as const, at: iso(80) },
      { authorRole: 'customer' as const, at: iso(150) },
    ];
    expect(watch.history('7', { createdAt: iso(0), comments })).toEqual([
      { status: 'solved', at: iso(0) },
      { status: 'open', at: iso(150) },
    ]);
  });

  it('follows the helpdesk’s own history with only the changes shown after it was read', () => {
    let clock = T0 + 100 * M;
    const watch = createStatusWatch(() => clock);
    watch.observe('7', 'open'); // already in the helpdesk's history
    const known = {
      changes: [
        { status: 'new' as const, at: iso(0) },
        { status: 'open' as const, at: iso(10) },
      ],
      knownAt: T0 + 120 * M,
    };
    clock = T0 + 130 * M;
    watch.observe('7', 'solved');
    clock = T0 + 140 * M;
    watch.observe('7', 'open');
    expect(watch.history('7', { createdAt: iso(0) }, known)).toEqual([
      { status: 'new', at: iso(0) },
      { status: 'open', at: iso(10) },
      { status: 'solved', at: iso(130) },
      { status: 'open', at: iso(140) },
    ]);
  });
});
