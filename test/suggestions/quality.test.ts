import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { gradedNdcgAtK, ndcgAtK } from '../../lib/scripts/quality';
import { createScriptIndex } from '../../lib/scripts/rank';
import { gradeFor, independentSet, meanNdcg, ownSet, rankers } from './sets';

const TIERS = ['vip', 'high_value', 'potential', 'general', 'at_risk'];
const own = ownSet();
const independent = independentSet();
const secondChinese = independentSet('independent-zh2');
const catalogIds = new Set(DEFAULT_CATALOG.map((s) => s.id));

describe('the labelled sets', () => {
  it('label only scripts that exist, in both languages, the independent one with at least 200 tickets', () => {
    expect(independent.length).toBeGreaterThanOrEqual(200);
    expect(secondChinese.length).toBeGreaterThanOrEqual(180);
    expect(secondChinese.every((t) => t.locale === 'zh_CN' && Object.values(t.relevance).some((g) => g >= 2))).toBe(
      true,
    );
    for (const t of secondChinese)
      for (const id of Object.keys(t.relevance)) expect(catalogIds, `${t.id} → ${id}`).toContain(id);
    for (const set of [own, independent]) {
      expect(set.filter((t) => t.locale === 'zh_CN').length).toBeGreaterThan(set.length / 3);
      for (const t of set)
        for (const id of Object.keys(t.relevance)) expect(catalogIds, `${t.id} → ${id}`).toContain(id);
    }
  });
});

describe('tier-restricted scripts over every labelled ticket', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);
  const tiersOf = new Map(DEFAULT_CATALOG.map((s) => [s.id, s.tiers]));

  it('are never in the top 3 for a customer outside their tiers, whichever tier the customer has', () => {
    let checked = 0;
    const offending: string[] = [];
    for (const t of [...own, ...independent, ...secondChinese]) {
      for (const tier of TIERS) {
        const top = index.suggest(
          { subject: t.subject, latestCustomerMessage: t.message, tags: t.tags },
          { tier, grade: gradeFor(t, 'set'), limit: 3 },
        );
        for (const s of top) {
          const tiers = tiersOf.get(s.script.id) ?? [];
          if (tiers.length > 0 && !tiers.includes(tier)) offending.push(`${t.id}/${tier}: ${s.script.id}`);
        }
        checked++;
      }
    }
    expect(checked).toBe((own.length + independent.length + secondChinese.length) * TIERS.length);
    expect(offending).toEqual([]);
  });
});

describe('suggestion quality (aggregate nDCG@3; the figures themselves are in npm run bench)', () => {
  const r = rankers(DEFAULT_CATALOG);
  for (const locale of ['en', 'zh_CN'] as const) {
    it(`beats plain BM25 by at least 1.4 × and the previous ranker on the independent set in ${locale}`, () => {
      const tickets = independent.filter((t) => t.locale === locale);
      const ours = meanNdcg(tickets, r.desklens, 'set');
      expect(ours).toBeGreaterThanOrEqual(1.4 * meanNdcg(tickets, r.bm25, 'set'));
      expect(ours).toBeGreaterThan(meanNdcg(tickets, r.legacy, 'set'));
    });
  }
  it('beats plain BM25 by at least 1.4 × and the previous ranker on the second Chinese set, never tuned on', () => {
    const ours = meanNdcg(secondChinese, r.desklens, 'set');
    expect(ours).toBeGreaterThanOrEqual(1.4 * meanNdcg(secondChinese, r.bm25, 'set'));
    expect(ours).toBeGreaterThan(meanNdcg(secondChinese, r.legacy, 'set'));
  });
});

describe('nDCG@3', () => {
  it('is 1 for a perfect ranking and discounts lower positions', () => {
    expect(ndcgAtK(['a', 'b', 'c'], ['a'])).toBe(1);
    expect(ndcgAtK(['x', 'a', 'c'], ['a'])).toBeCloseTo(1 / Math.log2(3));
    expect(ndcgAtK(['x', 'y', 'z', 'a'], ['a'])).toBe(0);
  });

  it('with grades, counts the best script first far more than a generic one', () => {
    const grades = { best: 3, useful: 2, generic: 1 };
    expect(gradedNdcgAtK(['best', 'useful', 'generic'], grades)).toBe(1);
    expect(gradedNdcgAtK(['generic', 'useful', 'best'], grades)).toBeLessThan(0.7);
    expect(gradedNdcgAtK(['best'], grades)).toBeGreaterThan(gradedNdcgAtK(['useful', 'generic'], grades));
  });
});
