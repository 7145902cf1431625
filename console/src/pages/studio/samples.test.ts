import { describe, expect, it } from 'vitest';
import { TierRuleSet, type TierRuleSetInput } from '../../../../lib/schema/tiers';
import { DEFAULT_TIER_RULES } from '../../../../lib/tiers/defaults';
import { evaluateTier } from '../../../../lib/tiers/evaluate';
import { sampleCustomers } from './samples';

const label = (en: string) => ({ en, zh_CN: en, zh_TW: en });
const rules = (input: Omit<TierRuleSetInput, 'tiers'> & { tiers: string[] }) =>
  TierRuleSet.parse({
    ...input,
    tiers: input.tiers.map((id, index) => ({ id, label: label(id), colour: '#123456', rank: index + 1 })),
  });
const rule = (id: string, tier: string, more: Partial<TierRuleSetInput['rules'][number]>) => ({
  id,
  tier,
  description: label(id),
  ...more,
});

describe('a sample customer of each of the organisation’s tiers', () => {
  it('keeps the written customers for the default tiers, most valuable first', () => {
    const samples = sampleCustomers(DEFAULT_TIER_RULES);
    expect(samples.map((each) => each.tier.id)).toEqual(['vip', 'high_value', 'potential', 'general', 'at_risk']);
    expect(samples[0]?.customer?.name).toBe('Grace Hopper');
  });

  it('makes one up from an organisation’s own rule, within every bound it sets', () => {
    const set = rules({
      tiers: ['gold', 'frequent', 'wholesale', 'regular'],
      rules: [
        rule('gold-spend', 'gold', { all: [{ attribute: 'lifetimeValue', op: 'gt', value: 5000 }] }),
        rule('frequent', 'frequent', {
          all: [
            { attribute: 'ordersLast90Days', op: 'lte', value: 9 },
            { attribute: 'ordersLast90Days', op: 'gte', value: 2.5 },
          ],
        }),
        rule('trade', 'wholesale', {
          any: [
            { attribute: 'lifetimeValue', op: 'gte', value: 1_000_000 },
            { attribute: 'org.segment', op: 'eq', value: 'trade' },
          ],
        }),
      ],
      fallbackTier: 'regular',
    });
    const samples = sampleCustomers(set);
    const gold = samples.find((each) => each.tier.id === 'gold')?.customer;
    expect(gold?.lifetimeValue).toBe(5001);
    expect(samples.find((each) => each.tier.id === 'frequent')?.customer?.ordersLast90Days).toBe(3);
    // The first "any" would be gold too (an earlier rule): the organisation field is what reaches wholesale.
    const wholesale = samples.find((each) => each.tier.id === 'wholesale')?.customer;
    expect(wholesale?.org).toEqual({ segment: 'trade' });
    for (const { tier, customer } of samples) {
      expect(customer).not.toBeNull();
      if (customer) expect(evaluateTier(customer, set).tier.id).toBe(tier.id);
    }
  });

  it('says when no customer can reach a tier rather than showing one from another tier', () => {
    const set = rules({
      tiers: ['everyone', 'never', 'rest'],
      rules: [
        rule('all', 'everyone', { all: [] }),
        rule('contradiction', 'never', {
          all: [
            { attribute: 'lastCsat', op: 'gte', value: 4 },
            { attribute: 'lastCsat', op: 'lt', value: 3 },
          ],
        }),
      ],
      fallbackTier: 'rest',
    });
    const byTier = Object.fromEntries(sampleCustomers(set).map((each) => [each.tier.id, each.customer]));
    expect(byTier.everyone).not.toBeNull();
    expect(byTier.never).toBeNull();
    expect(byTier.rest).toBeNull();
  });
});
