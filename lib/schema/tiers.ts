import { z } from 'zod';
import { flagRepeatedKeys } from './repeated-keys';

export const LifecycleStage = z.enum(['new', 'growing', 'mature', 'declining', 'at_risk']);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** What the tier rules can look at. Numbers are optional: a rule on a missing attribute simply does not match. */
export const CustomerProfile = z.object({
  id: z.string().max(128).optional(),
  email: z.email().optional(),
  name: z.string().max(200).optional(),
  lifetimeValue: z.number().min(0).optional(),
  ordersLast90Days: z.int().min(0).optional(),
  ordersPrevious90Days: z.int().min(0).optional(),
  daysSinceLastPurchase: z.int().min(0).optional(),
  daysSinceFirstPurchase: z.int().min(0).optional(),
  lastCsat: z.int().min(1).max(5).optional(),
  lastNps: z.int().min(0).max(10).optional(),
  openComplaints: z.int().min(0).optional(),
  tags: z.array(z.string().max(100)).default([]),
  /** Helpdesk organization fields, addressed in rules as `org.<name>`. */
  org: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;
export type CustomerProfileInput = z.input<typeof CustomerProfile>;

export const NUMERIC_ATTRIBUTES = [
  'lifetimeValue',
  'ordersLast90Days',
  'ordersPrevious90Days',
  'daysSinceLastPurchase',
  'daysSinceFirstPurchase',
  'lastCsat',
  'lastNps',
  'openComplaints',
] as const;

const attribute = z.union([
  z.enum(NUMERIC_ATTRIBUTES),
  z.literal('tags'),
  z.string().regex(/^org\.[A-Za-z0-9_]{1,64}$/, 'expected a customer attribute or org.<field>'),
]);

export const Condition = z.discriminatedUnion('op', [
  z.object({ attribute, op: z.enum(['gte', 'gt', 'lte', 'lt']), value: z.number() }),
  z.object({ attribute, op: z.literal('eq'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ attribute: z.literal('tags'), op: z.literal('has_tag'), value: z.string().min(1) }),
]);
export type Condition = z.infer<typeof Condition>;

const bilingual = z.object({
  en: z.string().min(1).max(200),
  zh_CN: z.string().min(1).max(200),
  /** Traditional (Taiwan, Hong Kong); interfaces in Traditional show zh_CN when it is not written. */
  zh_TW: z.string().min(1).max(200).optional(),
});

export const TierDefinition = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case id: letters, digits, _'),
  label: bilingual,
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour'),
  /** 1 = most valuable; used to order badges and reports. */
  rank: z.int().min(1).max(100),
});
export type TierDefinition = z.infer<typeof TierDefinition>;

/** A rule matches when all of `all` hold and, if `any` is given, at least one of `any` holds. */
const matchable = {
  id: z.string().min(1).max(64),
  description: bilingual,
  all: z.array(Condition).max(20).default([]),
  any: z.array(Condition).max(20).optional(),
};

export const TierRule = z.object({ ...matchable, tier: z.string() });
export const LifecycleRule = z.object({ ...matchable, stage: LifecycleStage });

export const TierRuleSet = z
  .object({
    tiers: z.array(TierDefinition).min(1).max(50),
    /** Ordered: the first rule that matches decides the tier. */
    rules: z.array(TierRule).max(200),
    /** Tier for customers no rule matches. */
    fallbackTier: z.string(),
    lifecycleRules: z.array(LifecycleRule).max(50).default([]),
    fallbackStage: LifecycleStage.default('mature'),
  })
  .superRefine((set, ctx) => {
    // Two definitions of one tier (other labels, colours or ranks) would make the badge depend on which is read.
    flagRepeatedKeys(set.tiers, ctx, {
      key: (tier) => tier.id,
      at: ['tiers'],
      field: 'id',
      message: (id, first) => `tier "${id}" is already defined by tier ${first}`,
    });
    const ids = new Set(set.tiers.map((tier) => tier.id));
    set.rules.forEach((rule, index) => {
      if (!ids.has(rule.tier))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'tier'],
          message: `rule "${rule.id}" names unknown tier "${rule.tier}"`,
        });
    });
    if (!ids.has(set.fallbackTier))
      ctx.addIssue({ code: 'custom', path: ['fallbackTier'], message: `unknown tier "${set.fallbackTier}"` });
  });
export type TierRuleSet = z.infer<typeof TierRuleSet>;
export type TierRuleSetInput = z.input<typeof TierRuleSet>;
