import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flagRepeatedKeys } from './repeated-keys';
import { TierRuleSet } from './tiers';

const Queues = z.object({
  queues: z.array(z.object({ name: z.string() })).superRefine((queues, ctx) =>
    flagRepeatedKeys(queues, ctx, {
      key: (queue) => queue.name.toLowerCase(),
      field: 'name',
      message: (name, first) => `queue "${name}" is already listed at ${first}`,
    }),
  ),
});

describe('a list that names one thing twice', () => {
  it('flags every later copy at its own field, naming the first holder, and passes distinct keys', () => {
    const result = Queues.safeParse({
      queues: [{ name: 'Billing' }, { name: 'VIP' }, { name: 'billing' }, { name: 'vip' }, { name: 'BILLING' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['queues.2.name', 'queue "billing" is already listed at 0'],
      ['queues.3.name', 'queue "vip" is already listed at 1'],
      ['queues.4.name', 'queue "billing" is already listed at 0'],
    ]);
    expect(Queues.safeParse({ queues: [{ name: 'Billing' }, { name: 'VIP' }] }).success).toBe(true);
  });

  it('places the issue under the path it is given (a tier defined twice)', () => {
    const tier = (id: string, rank: number) => ({ id, label: { en: id, zh_CN: id }, colour: '#335577', rank });
    const result = TierRuleSet.safeParse({
      tiers: [tier('vip', 1), tier('standard', 2), tier('vip', 3)],
      rules: [],
      fallbackTier: 'standard',
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([
      'tiers.2.id',
      'tier "vip" is already defined by tier 0',
    ]);
  });
});
