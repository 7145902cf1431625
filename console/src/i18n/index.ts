import { computed, signal } from '@preact/signals';
import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

/** One catalogue per language; the catalogue test holds each to every key of en.ts. */
export const CATALOGUES = { en, 'zh-CN': zhCN, 'zh-TW': zhTW } as const satisfies Record<string, Messages>;
export type Locale = keyof typeof CATALOGUES;
export const LOCALES = Object.keys(CATALOGUES) as Locale[];
/** Each language named in itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

const STORAGE_KEY = 'desklens.console.locale';

/**
 * The saved choice, else the browser's first language we have, else English. Chinese goes by script: Taiwan, Hong
 * Kong, Macau and any `Hant` tag read Traditional (as the extension and the Zendesk app decide); other Chinese reads
 * Simplified.
 */
export function pickLocale(saved: string | null, preferred: readonly string[]): Locale {
  if (saved && saved in CATALOGUES) return saved as Locale;
  for (const tag of preferred) {
    if (tag in CATALOGUES) return tag as Locale;
    const base = tag.split('-')[0]?.toLowerCase();
    if (base === 'zh') return /-(hant|tw|hk|mo)\b/i.test(tag) ? 'zh-TW' : 'zh-CN';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function savedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export const locale = signal<Locale>(pickLocale(savedLocale(), globalThis.navigator?.languages ?? []));

export function setLocale(next: Locale) {
  locale.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Fills {placeholders}; a missing value leaves the placeholder visible rather than hiding the gap. */
export function format(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const messages = computed<Messages>(() => CATALOGUES[locale.value]);

export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return format(messages.value[key], values);
}

export type { MessageKey };
