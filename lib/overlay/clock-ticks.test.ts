import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../components/format';
import { msUntilShownChange, nextClockChange } from './clock-ticks';

const URGENT = 15 * 60_000;
/** What a running clock shows with `left` ms to go, as SlaClocks draws it: its text and its level. */
const shown = (left: number) => `${formatDuration(left)} ${left <= 0 ? 'breached' : left <= URGENT ? 'urgent' : 'ok'}`;

/** A spread of remaining times around every edge the display has: step edges, zero, the urgent line, regimes. */
function samples(): number[] {
  const edges = [0, 1000, 59_000, 60_000, 61_000, URGENT, 3_600_000, 86_400_000, 2 * 86_400_000];
  const out: number[] = [];
  for (const edge of edges)
    for (const delta of [-1001, -1000, -999, -501, -1, 0, 1, 499, 999, 1000, 1001, 30_000, 59_999])
      out.push(edge + delta, -(edge + delta));
  let seed = 7;
  for (let i = 0; i < 400; i++) {
    seed = (seed * 48_271) % 2_147_483_647;
    out.push((seed % 400_000_000) - 100_000_000);
  }
  return out;
}

describe('when a running clock next shows something else', () => {
  it('never after its text or level changes, so a countdown is never stale', () => {
    for (const left of samples()) {
      const wait = msUntilShownChange(left, URGENT);
      // Everything before the wait shows the same; checked at every step the display could change on.
      for (let k = 0; k < wait; k += Math.max(1, Math.floor(wait / 50)))
        expect(shown(left - k), `left ${left}, ${k} ms later (wait ${wait})`).toBe(shown(left));
      expect(shown(left - (wait - 1)), `left ${left}, 1 ms before the wait ${wait}`).toBe(shown(left));
    }
  });

  it('and not earlier either: the page renders for a tick only when something changes', () => {
    for (const left of samples()) {
      const wait = msUntilShownChange(left, URGENT);
      expect(shown(left - wait), `left ${left}, wait ${wait}`).not.toBe(shown(left));
    }
  });

  it('about once a minute for a clock with minutes to go, every second in its last minute', () => {
    expect(msUntilShownChange(10 * 60_000 + 30_000, URGENT)).toBe(30_001);
    expect(msUntilShownChange(45_500, URGENT)).toBe(501);
    expect(msUntilShownChange(-90_000, URGENT)).toBe(30_000);
    expect(msUntilShownChange(3 * 86_400_000 + 10 * 60_000, URGENT)).toBe(10 * 60_000 + 1);
  });

  it('follows the soonest running clock and ignores paused and met ones', () => {
    const clock = (msLeft: number, state: 'active' | 'paused' | 'fulfilled', ticking: boolean) => ({
      metric: 'm',
      label: { en: 'M', zh_CN: 'M' },
      state,
      breached: false,
      level: 'ok' as const,
      businessHours: false,
      msLeft,
      targetMs: 3_600_000,
      ticking,
      cycle: 1,
    });
    expect(
      nextClockChange([clock(40 * 60_000 + 5000, 'active', true), clock(20_500, 'paused', false)], 0, URGENT),
    ).toBe(5001);
    // 2 s after the figures were computed, the active clock has 40 min 3 s left.
    expect(nextClockChange([clock(40 * 60_000 + 5000, 'active', true)], 2000, URGENT)).toBe(3001);
    expect(nextClockChange([clock(20_500, 'paused', false), clock(5000, 'fulfilled', false)], 0, URGENT)).toBe(
      undefined,
    );
  });
});
