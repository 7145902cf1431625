import { describe, expect, it } from 'vitest';
import { MatchExpression, OrgSynonyms, ScriptEntry } from '../schema/scripts';
import { analyzeText, ExpressionFinder, expressionKey } from './expressions';

const found = (keys: string[], text: string) =>
  new ExpressionFinder(keys.map(expressionKey)).find(analyzeText(text)).map((f) => f.said);

describe('trainer phrases in a ticket', () => {
  it('match English word forms in order, with one extra word allowed between two of them', () => {
    expect(found(['charged twice'], 'You charged me twice!')).toEqual(['charged me twice']);
    expect(found(['charged twice'], 'Twice I was charged')).toEqual([]);
    expect(found(['how do I'], 'How do I export?')).toEqual(['how do i']);
  });

  it('match Chinese as a run of characters, spaces ignored', () => {
    expect(found(['寄错了'], '你们 寄错 了 尺码')).toEqual(['寄错 了']);
  });

  it('are found the same whatever order the catalog gave them in, and once however often it gave them', () => {
    const keys = ['搞定', '搞定了', '退款', '退款没到', 'refund', 'refund not received', 'refund late', '搞定'];
    const text = '搞定了吗？退款没到。Refund not received, refund late.';
    // Every key present is found once, the longest first where several start at one place.
    const expected = ['refund not received', 'refund', 'refund late', '搞定了', '搞定', '退款没到', '退款'];
    expect(found(keys, text)).toEqual(expected);
    expect(found([...keys].reverse(), text)).toEqual(expected);
    expect(found([...keys, ...keys], text)).toEqual(expected);
  });

  it('do not match inside a negated wish, unless the phrase is itself a negation', () => {
    expect(found(['replacement'], 'I do not want a replacement')).toEqual([]);
    expect(found(['退款'], '我不要退款')).toEqual([]);
    expect(found(['not delivered'], 'My order was not delivered')).toEqual(['not delivered']);
    expect(found(['没收到'], '我还没收到')).toEqual(['没收到']);
  });
});

describe('validation of phrases and synonyms', () => {
  it('refuses expressions that cannot match, naming them', () => {
    expect(MatchExpression.safeParse('the').error?.issues[0]?.message).toMatch(/"the".*stop word/);
    expect(MatchExpression.safeParse('...').error?.issues[0]?.message).toMatch(/letter, digit or Chinese/);
    expect(MatchExpression.safeParse('的').error?.issues[0]?.message).toMatch(/too common/);
    expect(MatchExpression.safeParse(Array(14).fill('word').join(' ')).success).toBe(false);
    expect(MatchExpression.safeParse('打12315').success).toBe(true);
    expect(MatchExpression.safeParse('wrong size').success).toBe(true);
  });

  it('needs two different members per synonym group', () => {
    const result = OrgSynonyms.safeParse([['refund', 'money back'], ['voucher'], ['退款', '退款']]);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['1', '2.1']);
  });

  it('keeps phrases and synonyms with the script version', () => {
    const script = ScriptEntry.parse({
      id: 'x',
      title: 'X',
      body: 'x',
      locale: 'en',
      scenario: 'refund',
      phrases: ['money back'],
      synonyms: [['refund', 'reimbursement']],
    });
    expect(script).toMatchObject({ phrases: ['money back'], synonyms: [['refund', 'reimbursement']], version: 1 });
  });
});
