export { DEFAULT_TIER_RULES } from './defaults';
export { evaluateTier, parseTierRules, type TierReason, type TierResult } from './evaluate';
