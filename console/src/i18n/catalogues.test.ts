import * as OpenCC from 'opencc-js';
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

  it.each(['zh-CN', 'zh-TW'] as const)('%s messages are Chinese, not English left untranslated', (name) => {
    const zh = CATALOGUES[name] as Record<string, string>;
    const untranslated = Object.entries(en)
      .filter(([key, text]) => zh[key] === text && /[a-z]{4,}/i.test(text.replace(/\{\w+\}/g, '')))
      // Names that stay the same in Chinese.
      .filter(
        ([key]) =>
          !['common.n', 'dashboard.csat', 'dashboard.nps', 'alertMetric.csat', 'alertMetric.nps'].includes(key),
      );
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });

  it('zh-TW has no Simplified character left: OpenCC’s Simplified → Taiwan table changes none of its characters', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    // Character by character: phrase rules would pick one sense where Taiwan writes both (儀表板 vs 儀錶板).
    // 台 is what Taiwan writes day to day, though the table's first choice is the formal 臺.
    const writtenInBoth = new Set(['台']);
    const leftovers = Object.entries(CATALOGUES['zh-TW']).filter(([, text]) =>
      [...text].some((char) => !writtenInBoth.has(char) && toTraditional(char) !== char),
    );
    expect(leftovers.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('picks the saved language, else the browser’s, Chinese by script, and English last', () => {
    expect(pickLocale('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(pickLocale(null, ['fr-FR', 'zh-HK'])).toBe('zh-TW');
    expect(pickLocale(null, ['zh-Hant-TW'])).toBe('zh-TW');
    expect(pickLocale(null, ['zh-TW'])).toBe('zh-TW');
    expect(pickLocale(null, ['zh-SG', 'zh-TW'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh'])).toBe('zh-CN');
    expect(pickLocale(null, ['en-US'])).toBe('en');
    expect(pickLocale('xx', ['de'])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('n = {n}, {missing}', { n: 3 })).toBe('n = 3, {missing}');
  });
});
