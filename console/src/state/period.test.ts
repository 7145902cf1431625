import { describe, expect, it } from 'vitest';
import { rangeOf } from './period';

describe('console periods', () => {
  const now = new Date(2026, 10, 30, 15, 30);
  it('the last 7 days are whole local days ending with today', () => {
    const range = rangeOf('7d', {}, now);
    expect(range?.firstDay).toBe('2026-11-24');
    expect(range?.lastDay).toBe('2026-11-30');
    expect(range?.days).toBe(7);
    expect(range && new Date(range.to).getDate()).toBe(1);
  });
  it('today is one day', () => {
    expect(rangeOf('today', {}, now)?.days).toBe(1);
  });
  it('a custom range includes its last day and refuses backwards or over-long ranges', () => {
    expect(rangeOf('custom', { from: '2026-11-01', to: '2026-11-01' }, now)?.days).toBe(1);
    expect(rangeOf('custom', { from: '2026-11-02', to: '2026-11-01' }, now)).toBeNull();
    expect(rangeOf('custom', { from: '2025-01-01', to: '2026-11-01' }, now)).toBeNull();
    expect(rangeOf('custom', { from: 'nonsense', to: '2026-11-01' }, now)).toBeNull();
  });
});
