import { describe, expect, it } from 'vitest';
import { situationFeatures } from './features';

describe('situationFeatures', () => {
  it('reads Chinese as overlapping one- to three-character grams', () => {
    const features = situationFeatures('退款没到');
    for (const gram of ['退', '款', '没', '到', '退款', '款没', '没到', '退款没', '款没到'])
      expect(features).toContain(gram);
    expect(features).not.toContain('退款没到');
  });

  it('reads Traditional Chinese as its Simplified form, so one model serves both', () => {
    expect(situationFeatures('退貨退款').sort()).toEqual(situationFeatures('退货退款').sort());
  });

  it('reads English as stems and neighbouring pairs, without stop words', () => {
    const features = situationFeatures('The parcels were delivered to the wrong address');
    expect(features).toContain('w:parcel');
    expect(features).toContain('w:deliv');
    expect(features).toContain('b:wrong address');
    expect(features).not.toContain('w:the');
  });

  it('marks what a customer refuses apart from what they ask for', () => {
    const refused = situationFeatures("I don't want a replacement");
    const asked = situationFeatures('I want a replacement');
    expect(refused).toContain('!w:replac');
    expect(refused).not.toContain('w:replac');
    expect(asked).toContain('w:replac');
    expect(situationFeatures('不要换货')).toContain('!换货');
    expect(situationFeatures('要换货')).toContain('换货');
  });

  it('gives nothing for text with no word in it', () => {
    expect(situationFeatures('  !!! ？？ ')).toEqual([]);
  });
});
