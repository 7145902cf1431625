import { describe, expect, it } from 'vitest';
import { en } from './en';
import { CATALOGUES, format, pickLocale } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console message catalogues', () => {
  for (const [name, catalogue] of Object.entries(CATALOGUES)) {
    it(`${name} has every English key, no others, none empty, with the same placeholders`, () => {
      const messages = catalogue as Record<string, string>;
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        expect(messages[key]?.trim(), `${name}: ${key} is empty`).toBeTruthy();
        expect(placeholders(messages[key] ?? ''), `${name}: ${key} placeholders`).toEqual(placeholders(text));
      }
    });
  }

  it('Chinese messages are Chinese, not English left untranslated', () => {
    const zh = CATALOGUES['zh-CN'] as Record<string, string>;
    const untranslated = Object.entries(en)
      .filter(([key, text]) => zh[key] === text && /[a-z]{4,}/i.test(text.replace(/\{\w+\}/g, '')))
      // Names that stay the same in Chinese.
      .filter(
        ([key]) =>
          !['common.n', 'dashboard.csat', 'dashboard.nps', 'alertMetric.csat', 'alertMetric.nps'].includes(key),
      );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });

  it('picks the saved language, else the browser’s, with any Chinese tag mapping to zh-CN and English last', () => {
    expect(pickLocale('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(pickLocale(null, ['fr-FR', 'zh-HK'])).toBe('zh-CN');
    expect(pickLocale(null, ['en-US'])).toBe('en');
    expect(pickLocale('xx', ['de'])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('n = {n}, {missing}', { n: 3 })).toBe('n = 3, {missing}');
  });
});
