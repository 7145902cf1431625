import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { forgetIndexInMemory, scriptIndexFor, showSuggestions } from '../../lib/background/catalog-index';
import { DeskLensDatabase } from '../../lib/background/db';
import { createScriptIndex, loadScriptIndex, type PendingSuggestions, type ScriptIndex } from '../../lib/scripts/rank';
import {
  type CatalogName,
  catalogNamed,
  describeRanking,
  goldenRankings,
  type RankingCase,
  rankingCases,
} from './ranking-cases';

/**
 * The speed work on ranking changes no suggestion: every ranking the bench and the quality figures use is the
 * one recorded from the ranker before it (ranking-cases.ts) — from a freshly built index, from one loaded back
 * from its stored form without the catalog (entries read after ranking, as a woken service worker does), and
 * through the background's own wake path over IndexedDB.
 */
const golden = goldenRankings();
const cases = rankingCases();

const pendingFor = (index: ScriptIndex, c: RankingCase): PendingSuggestions =>
  c.kind === 'suggest' ? index.rankForTicket(c.context, c.options) : index.rankForQuery(c.query, c.options);

async function answersOf(catalog: CatalogName, answer: (c: RankingCase) => Promise<string> | string) {
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const c of cases) {
    if (c.catalog !== catalog) continue;
    got[c.key] = await answer(c);
    want[c.key] = golden[c.key] ?? 'missing from the golden rankings';
  }
  expect(Object.keys(got).length).toBeGreaterThan(200);
  return { got, want };
}

describe('rankings over every evaluation ticket', () => {
  for (const catalog of ['default', '1k', '10k'] as const) {
    it(`are the recorded ones over the ${catalog} catalog: built, and loaded from storage without the catalog`, async () => {
      const scripts = catalogNamed(catalog);
      const built = createScriptIndex(scripts);
      const fresh = await answersOf(catalog, (c) =>
        describeRanking(c.kind === 'suggest' ? built.suggest(c.context, c.options) : built.search(c.query, c.options)),
      );
      expect(fresh.got).toEqual(fresh.want);

      const loaded = loadScriptIndex(structuredClone(built.toStored()));
      if (!loaded) throw new Error('the stored index did not load');
      const byId = new Map(scripts.map((s) => [s.id, s]));
      let read = 0;
      const woken = await answersOf(catalog, (c) => {
        const pending = pendingFor(loaded, c);
        const missing = pending.needs.filter((id) => !loaded.knows(id));
        read += missing.length;
        loaded.remember(missing.flatMap((id) => byId.get(id) ?? []));
        return describeRanking(pending.resolve());
      });
      expect(woken.got).toEqual(woken.want);
      // Only shown scripts were ever read: far fewer than the catalog over this many tickets.
      expect(read).toBeLessThan(Math.min(scripts.length, 2_000));
    });
  }

  for (const catalog of ['default', '1k'] as const)
    it(`are the recorded ones through a woken service worker over IndexedDB (${catalog} catalog)`, async () => {
      const name = `identity-${catalog}-${crypto.randomUUID()}`;
      const seeded = new DeskLensDatabase(name);
      if (catalog !== 'default') {
        await seeded.catalog.bulkPut(catalogNamed(catalog).map((entry) => ({ id: entry.id, entry })));
        await seeded.meta.put({ key: 'catalog', value: { version: `identity-${catalog}`, synonyms: [], priors: [] } });
      }
      forgetIndexInMemory();
      await scriptIndexFor(seeded);
      seeded.close();
      forgetIndexInMemory();
      const db = new DeskLensDatabase(name);
      const { got, want } = await answersOf(catalog, async (c) => {
        const index = await scriptIndexFor(db);
        return describeRanking(await showSuggestions(db, index, pendingFor(index, c)));
      });
      expect(got).toEqual(want);
      await db.delete();
    });
});
