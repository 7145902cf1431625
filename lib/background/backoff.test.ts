import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './backoff';

describe('retry backoff', () => {
  it('doubles the ceiling with each attempt and caps it', () => {
    const top = () => 1; // the jitter's upper bound shows the ceiling itself
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, top))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(30, top)).toBe(600_000);
  });

  it('spreads retries with full jitter', () => {
    expect(retryDelayMs(3, () => 0.25)).toBe(2_000);
    expect(retryDelayMs(3, () => 0)).toBe(0);
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(1, () => 0.5, 30_000)).toBe(30_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
