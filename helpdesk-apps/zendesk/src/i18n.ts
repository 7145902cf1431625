import type { Lang } from '../../../components/format';
import type { Translate } from '../../../components/i18n';
import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import zhTW from '../../../public/_locales/zh_TW/messages.json';

/** As in public/_locales, or compacted by the app's build (placeholders already put in: build.ts). */
type Catalogue = Record<string, string | { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * The extension's own message catalogues (public/_locales), with the same `$name$` / `$1` substitution rules as
 * `browser.i18n.getMessage`, so both hosts say exactly the same thing.
 */
export function translator(lang: Lang): Translate {
  const catalogue = (lang === 'zh_CN' ? zhCN : lang === 'zh_TW' ? zhTW : en) as Catalogue;
  const fallback = en as Catalogue;
  return (key, substitutions) => {
    const entry = catalogue[key] ?? fallback[key];
    if (!entry) return key;
    const values = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
    const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
    if (typeof entry === 'string') return positional(entry);
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? positional(placeholder.content) : whole;
    });
  };
}

/**
 * Zendesk's agent locale (`zh-cn`, `zh-tw`, `zh-HK`, `en-US`) to one of ours: Taiwan, Hong Kong, Macau and any
 * `Hant` tag read Traditional (there is no Hong Kong catalogue of its own), other Chinese reads Simplified.
 */
export const languageOf = (locale: unknown): Lang => {
  if (typeof locale !== 'string') return 'en';
  if (/^zh-(tw|hk|mo|hant)/i.test(locale)) return 'zh_TW';
  return /^zh(-|$)/i.test(locale) ? 'zh_CN' : 'en';
};
