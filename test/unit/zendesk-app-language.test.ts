import { describe, expect, it } from 'vitest';
import { languageOf, translator } from '../../helpdesk-apps/zendesk/src/i18n';

describe('the Zendesk app speaks the agent’s Zendesk language', () => {
  it.each([
    ['zh-tw', 'zh_TW'],
    ['zh-TW', 'zh_TW'],
    ['zh-HK', 'zh_TW'],
    ['zh-mo', 'zh_TW'],
    ['zh-Hant-HK', 'zh_TW'],
    ['zh-cn', 'zh_CN'],
    ['zh-Hans', 'zh_CN'],
    ['zh', 'zh_CN'],
    ['en-US', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, lang) => {
    expect(languageOf(locale)).toBe(lang);
  });

  it('says the same thing in Traditional as the extension does', () => {
    expect(translator('zh_TW')('scriptsLabel')).toBe('推薦話術');
    expect(translator('zh_CN')('scriptsLabel')).toBe('推荐话术');
  });
});
