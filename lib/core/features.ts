/**
 * The overlay's feature switches and the satisfaction dimensions, as plain values: the zod schemas
 * (lib/schema/config.ts, lib/schema/events.ts) are built from these lists, and content scripts and the Zendesk
 * app use them without loading zod.
 */

/** What an organisation can switch off (policy, team configuration, the agent's options). */
export const FEATURE_SWITCH_NAMES = ['tierBadge', 'slaClocks', 'scripts', 'feedback'] as const;
export type FeatureSwitchName = (typeof FEATURE_SWITCH_NAMES)[number];
export type FeatureSwitches = Record<FeatureSwitchName, boolean>;

/** Everything on until someone says otherwise. */
export const DEFAULT_FEATURES: Readonly<FeatureSwitches> = Object.freeze({
  tierBadge: true,
  slaClocks: true,
  scripts: true,
  feedback: true,
});

/** The six service dimensions customers rate after the overall score (PRODUCT.md, rule 4). */
export const SATISFACTION_DIMENSIONS = [
  'product_quality',
  'response_speed',
  'staff_professionalism',
  'value_for_money',
  'after_sales_support',
  'ease_of_communication',
] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];
