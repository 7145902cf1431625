import { TierRuleSet } from '../schema/tiers';

/**
 * The value segmentation of PRODUCT.md rule 1: VIP and high-value customers, potential customers worth
 * growing, general customers, and churned / at-risk customers; plus the lifecycle ladder
 * new → growing → mature → declining → at-risk. Thresholds are starting points for admins to tune.
 */
export const DEFAULT_TIER_RULES: TierRuleSet = TierRuleSet.parse({
  tiers: [
    { id: 'vip', label: { en: 'VIP', zh_CN: '贵宾', zh_TW: '貴賓' }, colour: '#8250df', rank: 1 },
    { id: 'high_value', label: { en: 'High value', zh_CN: '高价值', zh_TW: '高價值' }, colour: '#1a7f37', rank: 2 },
    { id: 'potential', label: { en: 'Potential', zh_CN: '潜力', zh_TW: '潛力' }, colour: '#0969da', rank: 3 },
    { id: 'general', label: { en: 'General', zh_CN: '一般', zh_TW: '一般' }, colour: '#6e7781', rank: 4 },
    { id: 'at_risk', label: { en: 'At risk', zh_CN: '流失风险', zh_TW: '流失風險' }, colour: '#cf222e', rank: 5 },
  ],
  rules: [
    {
      id: 'vip-tag-or-spend',
      description: {
        en: 'Tagged VIP, or lifetime value of 50,000 or more',
        zh_CN: '标记为贵宾，或累计消费 50,000 及以上',
        zh_TW: '標記為貴賓，或累計消費 50,000 以上',
      },
      any: [
        { attribute: 'tags', op: 'has_tag', value: 'vip' },
        { attribute: 'lifetimeValue', op: 'gte', value: 50000 },
      ],
    },
    {
      id: 'high-value-frequent',
      description: {
        en: 'Lifetime value of 10,000 or more and 3+ orders in 90 days',
        zh_CN: '累计消费 10,000 及以上且 90 天内下单 3 次及以上',
        zh_TW: '累計消費 10,000 以上且 90 天內下單 3 次以上',
      },
      all: [
        { attribute: 'lifetimeValue', op: 'gte', value: 10000 },
        { attribute: 'ordersLast90Days', op: 'gte', value: 3 },
      ],
    },
    {
      id: 'churned',
      description: { en: 'No purchase for 180 days or more', zh_CN: '180 天及以上未购买', zh_TW: '180 天以上未購買' },
      all: [{ attribute: 'daysSinceLastPurchase', op: 'gte', value: 180 }],
    },
    {
      id: 'potential-growing-spend',
      description: {
        en: '2+ orders in 90 days, or lifetime value of 2,000 or more',
        zh_CN: '90 天内下单 2 次及以上，或累计消费 2,000 及以上',
        zh_TW: '90 天內下單 2 次以上，或累計消費 2,000 以上',
      },
      any: [
        { attribute: 'ordersLast90Days', op: 'gte', value: 2 },
        { attribute: 'lifetimeValue', op: 'gte', value: 2000 },
      ],
    },
  ].map((rule) => ({
    ...rule,
    tier: {
      'vip-tag-or-spend': 'vip',
      'high-value-frequent': 'high_value',
      churned: 'at_risk',
      'potential-growing-spend': 'potential',
    }[rule.id],
  })),
  fallbackTier: 'general',
  lifecycleRules: [
    {
      id: 'at-risk-unhappy',
      stage: 'at_risk',
      description: {
        en: 'Unhappy: last CSAT 2 or below, or 2+ open complaints',
        zh_CN: '不满意：最近满意度 2 分及以下，或有 2 个及以上未结投诉',
        zh_TW: '不滿意：最近滿意度 2 分以下，或有 2 件以上未結投訴',
      },
      any: [
        { attribute: 'lastCsat', op: 'lte', value: 2 },
        { attribute: 'openComplaints', op: 'gte', value: 2 },
      ],
    },
    {
      id: 'new-customer',
      stage: 'new',
      description: { en: 'First purchase within 30 days', zh_CN: '首次购买在 30 天内', zh_TW: '首次購買在 30 天內' },
      all: [{ attribute: 'daysSinceFirstPurchase', op: 'lt', value: 30 }],
    },
    {
      id: 'declining-orders',
      stage: 'declining',
      description: { en: 'No purchase for 90 days or more', zh_CN: '90 天及以上未购买', zh_TW: '90 天以上未購買' },
      all: [{ attribute: 'daysSinceLastPurchase', op: 'gte', value: 90 }],
    },
    {
      id: 'growing-orders',
      stage: 'growing',
      description: {
        en: 'More orders in the last 90 days than the 90 before',
        zh_CN: '近 90 天订单多于此前 90 天',
        zh_TW: '近 90 天訂單多於此前 90 天',
      },
      all: [{ attribute: 'ordersLast90Days', op: 'gte', value: 2 }],
    },
  ],
  fallbackStage: 'mature',
});
