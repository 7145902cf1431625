import { describe, expect, it } from 'vitest';
import { createScriptIndex, type ScriptIndex } from '../../lib/scripts/rank';
import { type CatalogName, catalogNamed, describeRanking, goldenRankings, rankingCases } from './ranking-cases';

/**
 * The speed work on ranking changes no suggestion: every ranking the bench and the quality figures use is the
 * one recorded from the ranker before it (ranking-cases.ts), both from a freshly built index and from one loaded
 * back from its stored form, as a woken service worker does.
 */
const golden = goldenRankings();
const cases = rankingCases();

function answersOf(
  catalog: CatalogName,
  index: ScriptIndex,
): { got: Record<string, string>; want: Record<string, string> } {
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const c of cases) {
    if (c.catalog !== catalog) continue;
    got[c.key] = describeRanking(
      c.kind === 'suggest' ? index.suggest(c.context, c.options) : index.search(c.query, c.options),
    );
    want[c.key] = golden[c.key] ?? 'missing from the golden rankings';
  }
  return { got, want };
}

describe('rankings over every evaluation ticket', () => {
  for (const catalog of ['default', '1k', '10k'] as const) {
    it(`are the recorded ones over the ${catalog} catalog, built and loaded back from storage`, () => {
      const scripts = catalogNamed(catalog);
      const built = createScriptIndex(scripts);
      const fresh = answersOf(catalog, built);
      expect(Object.keys(fresh.got).length).toBeGreaterThan(200);
      expect(fresh.got).toEqual(fresh.want);
      const loaded = answersOf(catalog, createScriptIndex(scripts, {}, built.toStored()));
      expect(loaded.got).toEqual(loaded.want);
    });
  }
});
