import { p } from './stats-helpers';

/** How far apart one quantile of two sets of switches is, with the spread a rerun of the bench could show. */
export interface QuantileDifference {
  /** The quantile of `withIt` minus the same quantile of `without`. */
  estimate: number;
  /** Bounds of the central interval of the resampled differences (90 % by default). */
  low: number;
  high: number;
}

/**
 * The difference of one quantile between two independent sets of timings, with a percentile bootstrap interval:
 * each set is resampled on its own (the browsers' switches are not paired in their noise), so the interval says
 * how much of a p95 difference the switches' own spread could make. Seeded, so a rerun over the same figures
 * prints the same interval.
 */
export function quantileDifference(
  withIt: number[],
  without: number[],
  q: number,
  { resamples = 2000, coverage = 0.9, seed = 1 }: { resamples?: number; coverage?: number; seed?: number } = {},
): QuantileDifference {
  if (withIt.length === 0 || without.length === 0) throw new Error('quantileDifference needs timings in both sets');
  if (!(q > 0 && q <= 1)) throw new Error(`quantile must be in (0, 1], got ${q}`);
  const random = mulberry32(seed);
  const resample = (values: number[]) => values.map(() => values[Math.floor(random() * values.length)] ?? 0);
  const differences: number[] = [];
  for (let i = 0; i < resamples; i += 1) differences.push(p(resample(withIt), q) - p(resample(without), q));
  const tail = (1 - coverage) / 2;
  return {
    estimate: p(withIt, q) - p(without, q),
    low: p(differences, tail),
    high: p(differences, 1 - tail),
  };
}

/** A small seeded generator (Mulberry32): the bench needs repeatable resamples, not cryptographic ones. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
