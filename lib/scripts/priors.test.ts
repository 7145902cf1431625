import { describe, expect, it } from 'vitest';
import { computePriors, MAX_NUDGE, priorMultiplier, SCENARIO_STRENGTH, SCRIPT_STRENGTH } from './priors';

describe('learned priors with shrinkage', () => {
  const priors = computePriors([
    { scriptId: 'a', scenario: 'refund', votesFor: 90, votesAgainst: 10 },
    { scriptId: 'b', scenario: 'refund', votesFor: 1, votesAgainst: 0 },
    { scriptId: 'c', scenario: 'billing', votesFor: 10, votesAgainst: 90 },
  ]);
  const of = (id: string) => priors.find((p) => p.scriptId === id);

  it('pulls a script towards its scenario, and the scenario towards the organisation, by pseudo-counts', () => {
    const orgRate = (101 + 1) / (201 + 2);
    const refundRate = (91 + SCENARIO_STRENGTH * orgRate) / (101 + SCENARIO_STRENGTH);
    expect(of('a')?.orgRate).toBeCloseTo(orgRate);
    expect(of('a')?.scenarioRate).toBeCloseTo(refundRate);
    expect(of('a')?.rate).toBeCloseTo((90 + SCRIPT_STRENGTH * refundRate) / (100 + SCRIPT_STRENGTH));
  });

  it('lets one vote barely move a script, and a new script start from what its scenario earned', () => {
    expect(Math.abs((of('b')?.rate ?? 0) - (of('b')?.scenarioRate ?? 0))).toBeLessThan(0.05);
    expect(of('b')?.scenarioRate).toBeGreaterThan(of('c')?.scenarioRate ?? 1);
  });

  it('nudges a score by at most MAX_NUDGE either way', () => {
    expect(priorMultiplier({ rate: 1, orgRate: 0 })).toBe(1 + MAX_NUDGE);
    expect(priorMultiplier({ rate: 0, orgRate: 1 })).toBe(1 - MAX_NUDGE);
    expect(priorMultiplier(of('a') as { rate: number; orgRate: number })).toBeGreaterThan(1);
    expect(priorMultiplier(of('c') as { rate: number; orgRate: number })).toBeLessThan(1);
  });
});
