import { describe, expect, it } from 'vitest';
import { gradedNdcgAtK } from '../../lib/scripts/quality';
import { expectedNdcgOfGrades, meanGrades } from './agreement';

describe('expectedNdcgOfGrades', () => {
  it('scores grades without ties as the ranking they spell', () => {
    const ranking = { a: 3, b: 2, c: 1 };
    const target = { b: 3, a: 1, d: 2 };
    expect(expectedNdcgOfGrades(ranking, target)).toBeCloseTo(gradedNdcgAtK(['a', 'b', 'c'], target), 12);
  });

  it('averages over every order of equal grades', () => {
    const target = { x: 3, y: 0, z: 1 };
    // x and y tie for first and second; z comes third whatever the order.
    const orders = [
      ['x', 'y', 'z'],
      ['y', 'x', 'z'],
    ];
    const mean = orders.reduce((sum, order) => sum + gradedNdcgAtK(order, target), 0) / orders.length;
    expect(expectedNdcgOfGrades({ x: 2, y: 2, z: 1 }, target)).toBeCloseTo(mean, 12);
  });

  it('counts only the first k positions when a tie crosses the cut', () => {
    const target = { a: 3, b: 2, c: 2, d: 0 };
    // Four scripts tied: each of the three positions holds the group's mean gain (7 + 3 + 3 + 0) / 4.
    const meanGain = 13 / 4;
    const dcg = meanGain * (1 + 1 / Math.log2(3) + 1 / 2);
    const ideal = 7 + 3 / Math.log2(3) + 3 / 2;
    expect(expectedNdcgOfGrades({ a: 1, b: 1, c: 1, d: 1 }, target)).toBeCloseTo(dcg / ideal, 12);
  });

  it('is 0 when the target holds no relevant script', () => {
    expect(expectedNdcgOfGrades({ a: 3 }, {})).toBe(0);
  });
});

describe('meanGrades', () => {
  it('counts a script one labeller left out as 0 for that labeller', () => {
    expect(meanGrades({ a: 3, b: 1 }, { a: 1, c: 2 })).toEqual({ a: 2, b: 0.5, c: 1 });
  });
});
