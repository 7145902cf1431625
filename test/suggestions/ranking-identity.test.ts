import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { forgetIndexInMemory, scriptIndexFor, showSuggestions } from '../../lib/background/catalog-index';
import { DeskLensDatabase } from '../../lib/background/db';
import { createScriptIndex, loadScriptIndex, type PendingSuggestions, type ScriptIndex } from '../../lib/scripts/rank';
import { shippedSituationModel } from '../../lib/scripts/situations/default-model';
import {
  type CatalogName,
  catalogNamed,
  describeRanking,
  type RankingCase,
  rankingCases,
  referenceRankings,
} from './ranking-cases';

/**
 * A woken service worker ranks from the index's stored form, without the catalog, reading only the entries it
 * shows. Every ranking the bench and the quality figures use must come out as from an index built from the whole
 * catalog: loaded back from its stored form, and through the background's own wake path over IndexedDB. (When the
 * stored form was introduced, the built index's rankings were also checked against the ranker before it: all
 * 3,492 identical.)
 */
const cases = rankingCases();
const reference = new Map<CatalogName, Record<string, string>>();
const referenceFor = (catalog: CatalogName, built?: ScriptIndex) => {
  let answers = reference.get(catalog);
  if (!answers) {
    answers = referenceRankings(catalog, cases, built);
    reference.set(catalog, answers);
  }
  return answers;
};

const pendingFor = (index: ScriptIndex, c: RankingCase): PendingSuggestions =>
  c.kind === 'suggest' ? index.rankForTicket(c.context, c.options) : index.rankForQuery(c.query, c.options);

async function answersOf(catalog: CatalogName, answer: (c: RankingCase) => Promise<string> | string) {
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const c of cases) {
    if (c.catalog !== catalog) continue;
    got[c.key] = await answer(c);
    want[c.key] = referenceFor(catalog)[c.key] ?? 'missing from the reference rankings';
  }
  expect(Object.keys(got).length).toBeGreaterThan(200);
  return { got, want };
}

describe('rankings over every evaluation ticket', () => {
  for (const catalog of ['default', '1k', '10k'] as const) {
    it(`are the built index's over the ${catalog} catalog when loaded from storage without the catalog`, async () => {
      const scripts = catalogNamed(catalog);
      const settings = { situations: shippedSituationModel() };
      const built = createScriptIndex(scripts, settings);
      const loaded = loadScriptIndex(structuredClone(built.toStored()), settings);
      if (!loaded) throw new Error('the stored index did not load');
      const byId = new Map(scripts.map((s) => [s.id, s]));
      let read = 0;
      // The reference comes from this built index: a second build over 10,000 scripts takes seconds.
      referenceFor(catalog, built);
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
      // One build and ~1,200 rankings of a 10,000-script catalog: ~15 s alone, more beside the browser tests.
    }, 240_000);
  }

  for (const catalog of ['default', '1k'] as const)
    it(`are the built index's through a woken service worker over IndexedDB (${catalog} catalog)`, async () => {
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
