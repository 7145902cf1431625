import { describe, expect, it } from 'vitest';
import { quantileDifference } from '../bench/quantile-interval';

/** Switch timings drawn from a known distribution, so the true p95 difference is known. */
function timings(count: number, seed: number, shift: number): number[] {
  let state = seed;
  const next = () => {
    // A linear congruential generator of its own: the sample must not share the bootstrap's generator.
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  // Exponential around 10 ms with a long tail, as switch times are.
  return Array.from({ length: count }, () => shift + 5 - 10 * Math.log(1 - next()));
}

describe('quantileDifference', () => {
  it('reads the difference of the two quantiles, not a quantile of differences', () => {
    const without = [1, 2, 3, 4, 100];
    const withIt = [100, 2, 3, 4, 5];
    // Paired differences would be 99, 0, 0, 0, -95; the p95s of the two sets are equal.
    expect(quantileDifference(withIt, without, 0.95).estimate).toBe(0);
  });

  it('puts a shift of every switch inside its interval', () => {
    const without = timings(150, 7, 0);
    const withIt = timings(150, 7, 4);
    const { estimate, low, high } = quantileDifference(withIt, without, 0.95);
    expect(estimate).toBeCloseTo(4, 9);
    expect(low).toBeLessThan(4);
    expect(high).toBeGreaterThan(4);
  });

  it('covers the true p95 difference about as often as it claims', () => {
    // True p95 of 5 + Exp(mean 10) is 5 + 10·ln 20; a shift of 3 ms makes the true difference 3.
    let covered = 0;
    const trials = 120;
    for (let trial = 0; trial < trials; trial += 1) {
      const interval = quantileDifference(timings(150, 1000 + trial, 3), timings(150, 5000 + trial, 0), 0.95, {
        resamples: 300,
        seed: trial + 1,
      });
      if (interval.low <= 3 && 3 <= interval.high) covered += 1;
    }
    // Nominal 90 %; a percentile bootstrap of a tail quantile at n = 150 runs a little under or over it.
    expect(covered / trials).toBeGreaterThan(0.78);
    expect(covered / trials).toBeLessThan(0.98);
  });

  it('narrows as switches are added', () => {
    const width = (count: number) => {
      const { low, high } = quantileDifference(timings(count, 11, 2), timings(count, 23, 0), 0.95, { resamples: 500 });
      return high - low;
    };
    expect(width(1200)).toBeLessThan(width(150) * 0.7);
  });

  it('gives the same interval for the same figures and seed', () => {
    const a = timings(100, 3, 1);
    const b = timings(100, 4, 0);
    expect(quantileDifference(a, b, 0.95)).toEqual(quantileDifference(a, b, 0.95));
  });

  it('names what is wrong with its input', () => {
    expect(() => quantileDifference([], [1], 0.95)).toThrow(/timings in both sets/);
    expect(() => quantileDifference([1], [1], 1.5)).toThrow(/quantile must be in \(0, 1\], got 1.5/);
  });
});
