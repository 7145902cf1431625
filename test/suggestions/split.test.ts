import { describe, expect, it } from 'vitest';
import { independentSet } from './sets';
import { splitHalves } from './split';

describe('the independent set split into DEV and HELD-OUT', () => {
  const set = independentSet();
  const halves = splitHalves(set);

  it('puts every ticket in exactly one half', () => {
    const ids = [...halves.dev, ...halves['held-out']].map((t) => t.id);
    expect(new Set(ids).size).toBe(set.length);
    expect(ids.length).toBe(set.length);
  });

  it('is stratified by language: each half holds half of each language (±1)', () => {
    for (const locale of ['en', 'zh_CN']) {
      const dev = halves.dev.filter((t) => t.locale === locale).length;
      const held = halves['held-out'].filter((t) => t.locale === locale).length;
      expect(Math.abs(dev - held)).toBeLessThanOrEqual(1);
    }
  });

  it('does not depend on the order of the file', () => {
    const again = splitHalves([...set].reverse());
    expect(again.dev.map((t) => t.id).sort()).toEqual(halves.dev.map((t) => t.id).sort());
  });
});
