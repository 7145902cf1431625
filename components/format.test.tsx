import { describe, expect, it } from 'vitest';
import { formatDeadline, intlLocale, labelIn } from './format';

describe('text in the interface language', () => {
  const label = { en: 'First reply', zh_CN: '首次回复', zh_TW: '首次回覆' };

  it('picks a data label’s Traditional text, and Simplified when none was written', () => {
    expect(labelIn(label, 'zh_TW')).toBe('首次回覆');
    expect(labelIn({ en: 'Gold', zh_CN: '金卡' }, 'zh_TW')).toBe('金卡');
    expect(labelIn(label, 'zh_CN')).toBe('首次回复');
    expect(labelIn(label, 'en')).toBe('First reply');
  });

  it('writes a deadline as Intl does for the language', () => {
    const at = '2026-12-01T07:30:00Z';
    for (const lang of ['en', 'zh_CN', 'zh_TW'] as const)
      expect(formatDeadline(at, lang)).toBe(
        new Intl.DateTimeFormat(intlLocale(lang), {
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        }).format(new Date(at)),
      );
    expect(intlLocale('zh_TW')).toBe('zh-TW');
    // Taiwan writes the half of the day in words (上午 / 下午); the mainland uses a 24-hour clock.
    expect(formatDeadline(at, 'zh_TW')).toMatch(/[上下]午/);
  });
});
