import { describe, expect, it } from 'vitest';
import {
  csat,
  dimensionAverages,
  groupServiceStats,
  groupStats,
  median,
  nps,
  percentile,
  periodKey,
  slaAttainment,
  weakestDimension,
} from './index';

const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);

describe('satisfaction math', () => {
  it('NPS: 30% promoters and 20% detractors give +10', () => {
    const answers = [
      ...repeat(10, 15),
      ...repeat(9, 15),
      ...repeat(8, 25),
      ...repeat(7, 25),
      ...repeat(6, 10),
      ...repeat(0, 10),
    ];
    expect(nps(answers)).toEqual({ value: 10, n: 100 });
  });

  it('NPS spans −100 to +100', () => {
    expect(nps(repeat(3, 4)).value).toBe(-100);
    expect(nps(repeat(9, 4)).value).toBe(100);
  });

  it('CSAT: 74 satisfied answers of 107 give 69', () => {
    const answers = [...repeat(5, 40), ...repeat(4, 34), ...repeat(3, 20), ...repeat(2, 8), ...repeat(1, 5)];
    const figure = csat(answers);
    expect(figure.n).toBe(107);
    expect(Math.round(figure.value ?? 0)).toBe(69);
  });

  it('no answers give null with n = 0, not zero', () => {
    expect(csat([])).toEqual({ value: null, n: 0 });
    expect(nps([])).toEqual({ value: null, n: 0 });
  });

  it('median and p90 of first-reply times interpolate like percentile_cont', () => {
    const minutes = [5, 10, 15, 20, 25, 30, 35, 40, 45, 120];
    expect(median(minutes)).toEqual({ value: 27.5, n: 10 });
    expect(percentile(minutes, 0.9).value).toBeCloseTo(52.5);
  });

  it('averages each dimension over the customers who rated it and calls out the weakest', () => {
    const averages = dimensionAverages([
      { after_sales_support: 2, response_speed: 5 },
      { after_sales_support: 3, response_speed: 4 },
      { after_sales_support: 3.4 },
      { after_sales_support: 3, response_speed: 4 },
      { after_sales_support: 2.6, response_speed: 5 },
      { response_speed: 4 },
    ]);
    expect(averages.after_sales_support).toEqual({ value: 2.8, n: 5 });
    expect(averages.response_speed?.n).toBe(5);
    expect(weakestDimension(averages)?.dimension).toBe('after_sales_support');
  });

  it('SLA attainment is the share of targets not breached', () => {
    expect(slaAttainment([{ breached: false }, { breached: true }, { breached: false }, { breached: false }])).toEqual({
      value: 75,
      n: 4,
    });
  });

  it('groups by agent and by ISO week, each figure with its n', () => {
    const groups = groupStats(
      [
        { agentId: 'ada', csat: 5, nps: 10, occurredAt: '2026-11-16T10:00:00Z' },
        { agentId: 'ada', csat: 2, occurredAt: '2026-11-23T10:00:00Z' },
        { agentId: 'bob', csat: 4, nps: 3, occurredAt: '2026-11-23T11:00:00Z' },
      ],
      'agent',
    );
    expect(groups.map((g) => [g.key, g.csat, g.nps])).toEqual([
      ['ada', { value: 50, n: 2 }, { value: 100, n: 1 }],
      ['bob', { value: 100, n: 1 }, { value: -100, n: 1 }],
    ]);
    expect(periodKey('2026-11-23T10:00:00Z', 'week')).toBe('2026-W48');
    expect(periodKey('2027-01-01T10:00:00Z', 'week')).toBe('2026-W53');
  });

  it('groups SLA attainment and first-reply median / p90 by team, unanswered tickets left out of the times', () => {
    const M = 60_000;
    const record = (teamId: string, firstReplyMin: number | null, breached: boolean[]) => ({
      agentId: 'ada',
      teamId,
      occurredAt: '2026-11-23T10:00:00Z',
      firstReplyMs: firstReplyMin === null ? null : firstReplyMin * M,
      slaOutcomes: breached.map((b) => ({ breached: b })),
    });
    const groups = groupServiceStats(
      [
        record('billing', 10, [false, false]),
        record('billing', 20, [false, true]),
        record('billing', 30, [false]),
        record('billing', 40, [true]),
        record('billing', null, []),
        record('apac', 5, [false]),
      ],
      'team',
    );
    expect(groups.map((g) => g.key)).toEqual(['apac', 'billing']);
    const billing = groups[1];
    expect(billing?.slaAttainment).toEqual({ value: 66.66666666666667, n: 6 });
    expect(billing?.firstReplyMedian).toEqual({ value: 25 * M, n: 4 });
    // p90 of 10, 20, 30, 40 with linear interpolation: rank 2.7 → 30 + 0.7 × 10 = 37 minutes.
    expect(billing?.firstReplyP90.n).toBe(4);
    expect(billing?.firstReplyP90.value).toBeCloseTo(37 * M);
    expect(groups[0]?.firstReplyMedian).toEqual({ value: 5 * M, n: 1 });
  });
});
