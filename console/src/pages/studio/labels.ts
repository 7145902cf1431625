import type { ComplaintGrade } from '../../../../lib/schema/sla';
import type { TierRuleSet } from '../../../../lib/schema/tiers';
import { DEFAULT_TIER_RULES } from '../../../../lib/tiers/defaults';
import { type MessageKey, t } from '../../i18n';
import { inLocale } from '../rules/bilingual';
import type { ScriptLocale, ScriptStatus } from '../studio.data';

export const LOCALES: ScriptLocale[] = ['en', 'zh_CN', 'zh_TW'];
export const localeName = (locale: ScriptLocale) => t(`studio.locale.${locale}` as MessageKey);
export const statusName = (status: ScriptStatus) => t(`studio.status.${status}` as MessageKey);
export const gradeName = (grade: ComplaintGrade) => t(`studio.grade.${grade}` as MessageKey);
export const LOCALE_CHOICES = () => LOCALES.map((value) => ({ value, label: localeName(value) }));

/**
 * A tier's name in the console's language as the organisation's rules label it; a script may still name a default
 * tier the organisation has dropped (shown with the default's name) or one no rule set knows (shown as its id).
 */
export const tierName = (tier: string, rules: TierRuleSet = DEFAULT_TIER_RULES) => {
  const definition =
    rules.tiers.find((each) => each.id === tier) ?? DEFAULT_TIER_RULES.tiers.find((each) => each.id === tier);
  return definition ? inLocale(definition.label) : tier;
};
