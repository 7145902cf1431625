import type { Condition, CustomerProfile, LifecycleStage, TierDefinition, TierRuleSet } from '../schema/tiers';
import { TierRuleSet as TierRuleSetSchema } from '../schema/tiers';
import { foldChineseVariants } from '../scripts/chinese-variants';
import { normalizeForMatching } from '../scripts/normalize';

export interface TierReason {
  ruleId: string;
  description: { en: string; zh_CN: string; zh_TW?: string };
  /** The customer's values that made the rule match, by attribute. */
  values: Record<string, string | number | boolean | string[]>;
}

export interface TierResult {
  tier: TierDefinition;
  lifecycle: LifecycleStage;
  /** Why: the tier rule (or the fallback) and the lifecycle rule that decided, with the values they saw. */
  reasons: TierReason[];
}

function attributeValue(
  customer: CustomerProfile,
  attribute: string,
): string | number | boolean | string[] | undefined {
  if (attribute === 'tags') return customer.tags;
  if (attribute.startsWith('org.')) return customer.org[attribute.slice(4)];
  return customer[attribute as keyof CustomerProfile] as number | undefined;
}

function holds(condition: Condition, customer: CustomerProfile): boolean {
  const value = attributeValue(customer, condition.attribute);
  switch (condition.op) {
    case 'has_tag': {
      // Tags compare as matching text does: case and Traditional/Simplified Chinese aside (VIP客戶 is vip客户).
      if (!Array.isArray(value)) return false;
      const wanted = normalizeForMatching(condition.value);
      return value.some((tag) => normalizeForMatching(tag) === wanted);
    }
    case 'eq':
      // Text stays case-sensitive (ids, codes) but is the same in either Chinese script (企業 is 企业).
      if (typeof value === 'string' && typeof condition.value === 'string')
        return foldChineseVariants(value) === foldChineseVariants(condition.value);
      return value === condition.value;
    default: {
      if (typeof value !== 'number') return false;
      if (condition.op === 'gte') return value >= condition.value;
      if (condition.op === 'gt') return value > condition.value;
      if (condition.op === 'lte') return value <= condition.value;
      return value < condition.value;
    }
  }
}

function matchRule(rule: { all: Condition[]; any?: Condition[] }, customer: CustomerProfile): Condition[] | undefined {
  if (!rule.all.every((c) => holds(c, customer))) return undefined;
  if (!rule.any || rule.any.length === 0) return rule.all;
  const anyHeld = rule.any.filter((c) => holds(c, customer));
  return anyHeld.length > 0 ? [...rule.all, ...anyHeld] : undefined;
}

function valuesFor(conditions: Condition[], customer: CustomerProfile): TierReason['values'] {
  const values: TierReason['values'] = {};
  for (const condition of conditions) {
    const value = attributeValue(customer, condition.attribute);
    if (value !== undefined) values[condition.attribute] = value;
  }
  return values;
}

/** Tier, lifecycle stage and the reasons, for one customer. Deterministic; rules are tried in order. */
export function evaluateTier(customer: CustomerProfile, rules: TierRuleSet): TierResult {
  const reasons: TierReason[] = [];
  let tierId = rules.fallbackTier;
  for (const rule of rules.rules) {
    const matched = matchRule(rule, customer);
    if (matched) {
      tierId = rule.tier;
      reasons.push({ ruleId: rule.id, description: rule.description, values: valuesFor(matched, customer) });
      break;
    }
  }
  if (reasons.length === 0) {
    reasons.push({
      ruleId: 'fallback',
      description: { en: 'No tier rule matched', zh_CN: '未匹配任何等级规则', zh_TW: '未符合任何等級規則' },
      values: {},
    });
  }
  let lifecycle = rules.fallbackStage;
  for (const rule of rules.lifecycleRules) {
    const matched = matchRule(rule, customer);
    if (matched) {
      lifecycle = rule.stage;
      reasons.push({ ruleId: rule.id, description: rule.description, values: valuesFor(matched, customer) });
      break;
    }
  }
  const tier = rules.tiers.find((t) => t.id === tierId) as TierDefinition;
  return { tier, lifecycle, reasons };
}

/** Parse an admin's rule set; the error names the rule and field ("rules.2.all.0.op: …"). */
export function parseTierRules(json: unknown): { ok: true; rules: TierRuleSet } | { ok: false; errors: string[] } {
  const parsed = TierRuleSetSchema.safeParse(json);
  if (parsed.success) return { ok: true, rules: parsed.data };
  const input = json as { rules?: { id?: unknown }[] } | undefined;
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const [section, index] = issue.path;
      const ruleId = section === 'rules' && typeof index === 'number' ? input?.rules?.[index]?.id : undefined;
      return `${ruleId ? `rule "${String(ruleId)}" ` : ''}${issue.path.join('.')}: ${issue.message}`;
    }),
  };
}
