import { describe, expect, it } from 'vitest';
import { analyze, BIGRAM_PREFIX, hanBigrams, lexiconFromKeys } from './analyze';
import { expressionKey } from './expressions';
import { negatedSpans } from './negation';
import { normalizeForMatching } from './normalize';

const terms = (text: string, keys: string[] = []) =>
  analyze(text, lexiconFromKeys(keys.map(expressionKey)))
    .filter((t) => !t.stop)
    .map((t) => t.term);
const negatedWords = (text: string) =>
  analyze(text)
    .filter((t) => t.negated && !t.stop)
    .map((t) => t.surface);

describe('normalisation, the one folding seam', () => {
  it('folds full-width forms, case and curly apostrophes', () => {
    expect(normalizeForMatching('ＲＥＦＵＮＤ don’t')).toBe("refund don't");
  });
});

describe('English analysis', () => {
  it('drops stop words and stems with Snowball, so word forms meet', () => {
    expect(terms('The shipping of my parcels')).toEqual(['ship', 'parcel']);
    expect(terms('shipped')).toEqual(terms('ships'));
    expect(terms('refunded')).toEqual(terms('refunds'));
  });

  it('keeps a stop word a trainer chose to match on', () => {
    expect(terms('broken again')).toEqual(['broken']);
    expect(terms('broken again', ['again'])).toEqual(['broken', 'again']);
  });
});

describe('Chinese analysis', () => {
  it('joins words the catalog knows across ICU’s split, and drops stop words', () => {
    // ICU splits 盗刷 into two characters: alone they are kept and paired; a known word is one term.
    expect(terms('我的卡被盗刷了')).toEqual(expect.arrayContaining(['盗', '刷', '盗刷']));
    expect(terms('我的卡被盗刷了', ['盗刷'])).toEqual(['卡', '盗刷']);
  });

  it('gives neighbour pairs only inside runs of characters ICU could not place, never across a known word', () => {
    const found = terms('包裹显示已签收', ['显示']);
    expect(found).toContain('签收');
    expect(found).not.toContain('示已');
  });
});

describe('Han character pairs', () => {
  const pairs = (text: string) =>
    hanBigrams(normalizeForMatching(text), negatedSpans(normalizeForMatching(text))).map(
      (p) => `${p.term.slice(BIGRAM_PREFIX.length)}${p.negated ? '!' : ''}`,
    );

  it('overlap within each run of characters, never across punctuation or letters', () => {
    expect(pairs('洗衣机漏水，APP打不开')).toEqual(['洗衣', '衣机', '机漏', '漏水', '打不', '不开']);
  });

  it('leave out pairs holding a function character', () => {
    expect(pairs('我的快递到了吗')).toEqual(['快递', '递到']);
  });

  it('are marked inside a negated span', () => {
    expect(pairs('我不想要退款')).toContain('退款!');
  });

  it('are terms of their own, apart from the word of the same characters', () => {
    expect(hanBigrams('退款')[0]?.term).not.toBe('退款');
  });
});

describe('negation', () => {
  it('marks what the customer does not want or says something is not', () => {
    expect(negatedWords('I do not want a replacement, I want my money back')).toEqual(['replacement']);
    expect(negatedWords("Please don't offer me a voucher")).toEqual(['offer', 'voucher']);
    expect(negatedWords('This is not about billing.')).toEqual(['billing']);
    expect(negatedWords('我不想要退款，只想换货')).toEqual(['退款']);
    expect(negatedWords('不是盗刷，是扣了两次')).toContain('盗刷');
    expect(negatedWords('不是盗刷，是扣了两次')).not.toContain('两次');
  });

  it('leaves negations that describe the problem alone', () => {
    for (const text of ['My parcel has not arrived', "I can't log in", 'It never arrived', '我没收到货', '别人的快递'])
      expect(negatedSpans(normalizeForMatching(text)), text).toEqual([]);
  });
});
