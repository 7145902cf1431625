import { locale } from '../../i18n';

/** A rule's own bilingual text in the console's language (Traditional falls back to Simplified, as agents see it). */
export function inLocale(text: { en: string; zh_CN: string; zh_TW?: string }): string {
  if (locale.value === 'zh-CN') return text.zh_CN;
  if (locale.value === 'zh-TW') return text.zh_TW ?? text.zh_CN;
  return text.en;
}
