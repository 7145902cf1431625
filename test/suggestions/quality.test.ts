import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { gradedNdcgAtK, ndcgAtK } from '../../lib/scripts/quality';
import { createScriptIndex } from '../../lib/scripts/rank';
import { secondLabels } from './agreement';
import { gradeFor, independentSet, meanNdcg, ownSet, rankers } from './sets';

const TIERS = ['vip', 'high_value', 'potential', 'general', 'at_risk'];
const own = ownSet();
const independent = independentSet();
const secondChinese = independentSet('independent-zh2');
const thirdChinese = independentSet('independent-zh3');
const catalogIds = new Set(DEFAULT_CATALOG.map((s) => s.id));

describe('the labelled sets', () => {
  it('label only scripts that exist, in both languages, the independent one with at least 200 tickets', () => {
    expect(independent.length).toBeGreaterThanOrEqual(200);
    expect(secondChinese.length).toBeGreaterThanOrEqual(180);
    expect(thirdChinese.length).toBeGreaterThanOrEqual(160);
    for (const set of [secondChinese, thirdChinese]) {
      expect(set.every((t) => t.locale === 'zh_CN' && Object.values(t.relevance).some((g) => g >= 2))).toBe(true);
      for (const t of set)
        for (const id of Object.keys(t.relevance)) expect(catalogIds, `${t.id} → ${id}`).toContain(id);
    }
    for (const set of [own, independent]) {
      expect(set.filter((t) => t.locale === 'zh_CN').length).toBeGreaterThan(set.length / 3);
      for (const t of set)
        for (const id of Object.keys(t.relevance)) expect(catalogIds, `${t.id} → ${id}`).toContain(id);
    }
  });

  it('are judged a second time, ticket by ticket, within the same rules (tiers, one language, a best-first top 3)', () => {
    const tiersOf = new Map(DEFAULT_CATALOG.map((s) => [s.id, s.tiers]));
    for (const [set, folder] of [
      [independent, 'independent'],
      [secondChinese, 'independent-zh2'],
    ] as const) {
      const second = secondLabels(folder);
      expect(Object.keys(second).sort()).toEqual(set.map((t) => t.id).sort());
      for (const t of set) {
        const answer = second[t.id];
        if (!answer) throw new Error(`${t.id}: no second label`);
        const suffix = t.locale === 'en' ? '-en' : '-zh';
        const grades = Object.entries(answer.grades);
        expect(
          grades.some(([, g]) => g >= 2),
          t.id,
        ).toBe(true);
        for (const [id, g] of grades) {
          expect(catalogIds, `${t.id} → ${id}`).toContain(id);
          expect(id.endsWith(suffix), `${t.id} → ${id}`).toBe(true);
          expect([1, 2, 3], `${t.id} → ${id}`).toContain(g);
          const tiers = tiersOf.get(id) ?? [];
          expect(tiers.length === 0 || tiers.includes(t.tier ?? ''), `${t.id} → ${id}`).toBe(true);
        }
        const order = answer.top3.map((id) => answer.grades[id] ?? 0);
        expect(order.length, t.id).toBe(Math.min(3, grades.length));
        expect(
          [...order].sort((a, b) => b - a),
          t.id,
        ).toEqual(order);
        expect(Math.min(...order), t.id).toBeGreaterThan(0);
      }
    }
  });
});

describe('tier-restricted scripts over every labelled ticket', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);
  const tiersOf = new Map(DEFAULT_CATALOG.map((s) => [s.id, s.tiers]));

  it('are never in the top 3 for a customer outside their tiers, whichever tier the customer has', () => {
    let checked = 0;
    const offending: string[] = [];
    for (const t of [...own, ...independent, ...secondChinese, ...thirdChinese]) {
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
    expect(checked).toBe((own.length + independent.length + secondChinese.length + thirdChinese.length) * TIERS.length);
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
  for (const [name, set] of [
    ['second', secondChinese],
    ['third', thirdChinese],
  ] as const)
    it(`beats plain BM25 by at least 1.4 × and the previous ranker on the ${name} Chinese set`, () => {
      const ours = meanNdcg(set, r.desklens, 'set');
      expect(ours).toBeGreaterThanOrEqual(1.4 * meanNdcg(set, r.bm25, 'set'));
      expect(ours).toBeGreaterThan(meanNdcg(set, r.legacy, 'set'));
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
