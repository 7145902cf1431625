import { describe, expect, it } from 'vitest';
import { bandOf, DEFAULT_BANDS } from './bands';

describe('ranking bands', () => {
  it('green at the 90% target, yellow to 10 points below, red beneath, none without answers', () => {
    expect(bandOf(90, 40, DEFAULT_BANDS)).toBe('green');
    expect(bandOf(89.9, 40, DEFAULT_BANDS)).toBe('yellow');
    expect(bandOf(80, 40, DEFAULT_BANDS)).toBe('yellow');
    expect(bandOf(79.9, 40, DEFAULT_BANDS)).toBe('red');
    expect(bandOf(null, 0, DEFAULT_BANDS)).toBe('none');
  });
});
