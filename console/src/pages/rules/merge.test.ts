import { describe, expect, it } from 'vitest';
import { changedPaths, mergeThreeWay } from './merge';

describe('rule set merge', () => {
  const base = {
    fallbackTier: 'general',
    rules: [
      { id: 'a', tier: 'vip' },
      { id: 'b', tier: 'general' },
    ],
  };

  it('names the leaves that changed', () => {
    const after = {
      fallbackTier: 'vip',
      rules: [
        { id: 'a', tier: 'vip' },
        { id: 'b', tier: 'potential' },
      ],
    };
    expect(changedPaths(base, after)).toEqual(['fallbackTier', 'rules.1.tier']);
    expect(changedPaths(base, { ...base, rules: [] })).toEqual(['rules']);
  });

  it('keeps both sides’ edits to different fields', () => {
    const mine = { ...base, fallbackTier: 'vip' };
    const theirs = { ...base, rules: [base.rules[0], { id: 'b', tier: 'potential' }] };
    expect(mergeThreeWay(base, mine, theirs)).toEqual({
      value: {
        fallbackTier: 'vip',
        rules: [
          { id: 'a', tier: 'vip' },
          { id: 'b', tier: 'potential' },
        ],
      },
      clashes: [],
    });
  });

  it('keeps the admin’s value where both changed the same field, and names it', () => {
    const mine = { ...base, fallbackTier: 'vip' };
    const theirs = { ...base, fallbackTier: 'at_risk' };
    expect(mergeThreeWay(base, mine, theirs)).toEqual({ value: mine, clashes: ['fallbackTier'] });
  });
});
