import { describe, expect, it } from 'vitest';
import { CustomerProfile } from '../schema/tiers';
import { DEFAULT_TIER_RULES, evaluateTier, parseTierRules } from './index';

const evaluate = (input: unknown) => evaluateTier(CustomerProfile.parse(input), DEFAULT_TIER_RULES);

describe('default tier rules: each with a customer that hits it and one that just misses', () => {
  it.each([
    ['vip by tag', { tags: ['VIP'] }, 'vip', 'vip-tag-or-spend'],
    ['vip by spend', { lifetimeValue: 50000 }, 'vip', 'vip-tag-or-spend'],
    ['just not vip', { lifetimeValue: 49999.99 }, 'potential', 'potential-growing-spend'],
    ['high value', { lifetimeValue: 10000, ordersLast90Days: 3 }, 'high_value', 'high-value-frequent'],
    ['just not high value', { lifetimeValue: 10000, ordersLast90Days: 2 }, 'potential', 'potential-growing-spend'],
    ['churned', { lifetimeValue: 500, daysSinceLastPurchase: 180 }, 'at_risk', 'churned'],
    ['just not churned', { lifetimeValue: 500, daysSinceLastPurchase: 179 }, 'general', 'fallback'],
    ['potential by orders', { ordersLast90Days: 2 }, 'potential', 'potential-growing-spend'],
    ['potential by spend', { lifetimeValue: 2000 }, 'potential', 'potential-growing-spend'],
    ['just not potential', { ordersLast90Days: 1, lifetimeValue: 1999 }, 'general', 'fallback'],
  ] as const)('%s', (_name, customer, tier, ruleId) => {
    const result = evaluate(customer);
    expect(result.tier.id).toBe(tier);
    expect(result.reasons[0]?.ruleId).toBe(ruleId);
  });

  it.each([
    ['unhappy', { lastCsat: 2 }, 'at_risk'],
    ['just not unhappy', { lastCsat: 3 }, 'mature'],
    ['open complaints', { openComplaints: 2 }, 'at_risk'],
    ['new', { daysSinceFirstPurchase: 29 }, 'new'],
    ['just not new', { daysSinceFirstPurchase: 30 }, 'mature'],
    ['declining', { daysSinceLastPurchase: 90 }, 'declining'],
    ['just not declining', { daysSinceLastPurchase: 89 }, 'mature'],
    ['growing', { ordersLast90Days: 2 }, 'growing'],
  ] as const)('lifecycle: %s', (_name, customer, stage) => {
    expect(evaluate(customer).lifecycle).toBe(stage);
  });

  it('explains a badge with the rule and the values that made it match', () => {
    const result = evaluate({ lifetimeValue: 12500, ordersLast90Days: 4, lastCsat: 1 });
    expect(result.tier.label).toEqual({ en: 'High value', zh_CN: '高价值', zh_TW: '高價值' });
    expect(result.reasons).toEqual([
      expect.objectContaining({ ruleId: 'high-value-frequent', values: { lifetimeValue: 12500, ordersLast90Days: 4 } }),
      expect.objectContaining({ ruleId: 'at-risk-unhappy', values: { lastCsat: 1 } }),
    ]);
  });

  it('matches helpdesk organization fields', () => {
    const rules = parseTierRules({
      tiers: [
        { id: 'enterprise', label: { en: 'Enterprise', zh_CN: '企业' }, colour: '#000000', rank: 1 },
        { id: 'general', label: { en: 'General', zh_CN: '一般' }, colour: '#6e7781', rank: 2 },
      ],
      rules: [
        {
          id: 'ent',
          tier: 'enterprise',
          description: { en: 'Enterprise plan', zh_CN: '企业版' },
          all: [{ attribute: 'org.plan', op: 'eq', value: 'enterprise' }],
        },
      ],
      fallbackTier: 'general',
    });
    if (!rules.ok) throw new Error(rules.errors.join('\n'));
    expect(evaluateTier(CustomerProfile.parse({ org: { plan: 'enterprise' } }), rules.rules).tier.id).toBe(
      'enterprise',
    );
    expect(evaluateTier(CustomerProfile.parse({ org: { plan: 'team' } }), rules.rules).tier.id).toBe('general');
  });

  it('rejects a bad rule with an error naming the rule and the field', () => {
    const result = parseTierRules({
      tiers: [{ id: 'general', label: { en: 'General', zh_CN: '一般' }, colour: '#6e7781', rank: 1 }],
      rules: [
        { id: 'ok', tier: 'general', description: { en: 'x', zh_CN: 'x' }, all: [] },
        {
          id: 'big-spenders',
          tier: 'gold',
          description: { en: 'x', zh_CN: 'x' },
          all: [{ attribute: 'lifetimeValue', op: 'greater', value: 5 }],
        },
      ],
      fallbackTier: 'general',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toMatch(/rule "big-spenders" rules\.1\.all\.0\.op/);
  });
});

describe('text conditions in either Chinese script', () => {
  const parsed = parseTierRules({
    tiers: [
      { id: 'vip', label: { en: 'VIP', zh_CN: '贵宾' }, colour: '#aa0000', rank: 1 },
      { id: 'general', label: { en: 'General', zh_CN: '普通' }, colour: '#888888', rank: 2 },
    ],
    rules: [
      {
        id: 'vip-tag',
        tier: 'vip',
        description: { en: 'Tagged as a key account', zh_CN: '标记为大客户' },
        all: [],
        any: [
          { attribute: 'tags', op: 'has_tag', value: '重要客户' },
          { attribute: 'org.segment', op: 'eq', value: '企業客戶' },
        ],
      },
    ],
    fallbackTier: 'general',
  });
  if (!parsed.ok) throw new Error('the rules of this test do not parse');
  const { rules } = parsed;
  it.each([
    ['a Traditional tag against a Simplified rule', { tags: ['重要客戶'] }, 'vip'],
    ['a Simplified organisation field against a Traditional rule', { org: { segment: '企业客户' } }, 'vip'],
    ['another tag', { tags: ['普通客戶'] }, 'general'],
  ])('%s', (_name, customer, tier) => {
    expect(evaluateTier(CustomerProfile.parse(customer), rules).tier.id).toBe(tier);
  });
});
