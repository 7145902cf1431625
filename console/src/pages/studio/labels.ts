import { type MessageKey, t } from '../../i18n';
import { type ScriptLocale, type ScriptStatus, TIERS } from '../studio.data';

export const LOCALES: ScriptLocale[] = ['en', 'zh_CN', 'zh_TW'];
export const localeName = (locale: ScriptLocale) => t(`studio.locale.${locale}` as MessageKey);
export const statusName = (status: ScriptStatus) => t(`studio.status.${status}` as MessageKey);
export const LOCALE_CHOICES = () => LOCALES.map((value) => ({ value, label: localeName(value) }));
export const tierName = (tier: string) =>
  (TIERS as readonly string[]).includes(tier) ? t(`studio.tier.${tier}` as MessageKey) : tier;
