import { describe, expect, it } from 'vitest';
import { browserFromUserAgent } from './fleet';

describe('browserFromUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
      'Edge 156',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Firefox 153'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'Chrome 156',
    ],
    ['curl/8.5.0', null],
    [undefined, null],
  ])('%s → %s', (userAgent, expected) => {
    expect(browserFromUserAgent(userAgent)).toBe(expected);
  });
});
