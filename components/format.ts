/** "1 h 05 m", "12 m", "45 s", with a minus sign once breached. Pure, for the countdowns. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (days > 0) return `${sign}${days} d ${hours} h`;
  if (hours > 0) return `${sign}${hours} h ${String(minutes).padStart(2, '0')} m`;
  if (minutes > 0) return `${sign}${minutes} m`;
  return `${sign}${total % 60} s`;
}

export type Lang = 'en' | 'zh_CN' | 'zh_TW';

/** A data label (tier, clock, reason) as the engines give it: English and Simplified, Traditional when written. */
export interface LocalizedLabel {
  en: string;
  zh_CN: string;
  zh_TW?: string;
}

/** The label in the interface language; a label nobody wrote in Traditional is shown in Simplified. */
export function labelIn(label: LocalizedLabel, lang: Lang): string {
  return lang === 'zh_TW' ? (label.zh_TW ?? label.zh_CN) : label[lang];
}

const deadlineFormats = new Map<Lang, Intl.DateTimeFormat>();
const formattedDeadlines = new Map<string, string>();
/** When a target runs out, as the interface language writes a date and time (Intl: 12月1日 下午3:30, Dec 1, 3:30 PM). */
export function formatDeadline(deadline: string, lang: Lang): string {
  let format = deadlineFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(lang), {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    deadlineFormats.set(lang, format);
  }
  const key = `${lang} ${deadline}`;
  let text = formattedDeadlines.get(key);
  if (text === undefined) {
    // Formatting costs ~0.1 ms a clock; the same deadlines come back as the agent switches between tickets.
    if (formattedDeadlines.size >= 256) formattedDeadlines.clear();
    text = format.format(new Date(deadline));
    formattedDeadlines.set(key, text);
  }
  return text;
}

/** The BCP 47 tag Intl formats with for an interface language. */
export function intlLocale(lang: Lang): string {
  return lang === 'zh_TW' ? 'zh-TW' : lang === 'zh_CN' ? 'zh-CN' : 'en';
}
