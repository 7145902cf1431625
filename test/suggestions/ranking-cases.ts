import { createHash } from 'node:crypto';
import type { ScriptEntry } from '../../lib/schema/scripts';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import {
  createScriptIndex,
  type ScriptIndex,
  type Suggestion,
  type SuggestionContext,
  type SuggestOptions,
} from '../../lib/scripts/rank';
import { shippedSituationModel } from '../../lib/scripts/situations/default-model';
import { largeCatalog } from '../bench/large-catalog';
import { gradeFor, independentSet, ownSet } from './sets';

/**
 * Ranking identity: every ranking the bench and the quality figures ask for (each evaluation ticket over the
 * default catalog with every tier, both grade sources and the ticket's locale; over the bench's 1,000- and
 * 10,000-script catalogs with the bench's options; the agent's search with each subject). A woken service worker
 * ranks from the stored index without the catalog; it must give the same scripts in the same order with the same
 * reasons and scores (to 9 digits) as an index built from the catalog.
 */
export type CatalogName = 'default' | '1k' | '10k';
export type RankingCase =
  | { key: string; catalog: CatalogName; kind: 'suggest'; context: SuggestionContext; options: SuggestOptions }
  | { key: string; catalog: CatalogName; kind: 'search'; query: string; options: { tier: string } };

const TIERS = ['vip', 'high_value', 'potential', 'general', 'at_risk'];

const generated = new Map<CatalogName, ScriptEntry[]>();

/** The catalog, generated once per run: validating 10,000 generated entries takes seconds. */
export function catalogNamed(name: CatalogName): ScriptEntry[] {
  if (name === 'default') return DEFAULT_CATALOG;
  let scripts = generated.get(name);
  if (!scripts) {
    scripts = largeCatalog(name === '1k' ? 1_000 : 10_000);
    generated.set(name, scripts);
  }
  return scripts;
}

export function rankingCases(): RankingCase[] {
  const cases: RankingCase[] = [];
  for (const t of [...ownSet(), ...independentSet()]) {
    const context = { subject: t.subject, latestCustomerMessage: t.message, tags: t.tags };
    const tier = t.tier ?? 'general';
    for (const every of TIERS)
      cases.push({
        key: `default/${t.id}/tier-${every}`,
        catalog: 'default',
        kind: 'suggest',
        context,
        options: { tier: every, grade: gradeFor(t, 'set'), limit: 3 },
      });
    for (const source of ['set', 'pipeline'] as const)
      cases.push({
        key: `default/${t.id}/${source}`,
        catalog: 'default',
        kind: 'suggest',
        context,
        options: { grade: gradeFor(t, source), tier, locale: t.locale },
      });
    for (const catalog of ['default', '1k', '10k'] as const) {
      if (catalog !== 'default')
        cases.push({
          key: `${catalog}/${t.id}/bench`,
          catalog,
          kind: 'suggest',
          context,
          options: { tier, grade: gradeFor(t, 'pipeline') },
        });
      cases.push({ key: `${catalog}/${t.id}/search`, catalog, kind: 'search', query: t.subject, options: { tier } });
    }
  }
  return cases;
}

/** A ranking in one line: the ids in order, then a digest of ids, scores (9 digits) and reasons. */
export function describeRanking(suggestions: Suggestion[]): string {
  const full = suggestions.map((s) => [s.script.id, s.score.toPrecision(9), s.reasons]);
  const digest = createHash('sha1').update(JSON.stringify(full)).digest('hex').slice(0, 16);
  return `${suggestions.map((s) => s.script.id).join(' ')} | ${digest}`;
}

/**
 * The reference: an index built from the catalog itself, which holds every entry (`index`, when the caller has
 * built one already: building over 10,000 scripts takes seconds).
 */
export function referenceRankings(
  catalog: CatalogName,
  cases: RankingCase[],
  // With the shipped situation model, as the background ranks.
  index: ScriptIndex = createScriptIndex(catalogNamed(catalog), { situations: shippedSituationModel() }),
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const c of cases)
    if (c.catalog === catalog)
      answers[c.key] = describeRanking(
        c.kind === 'suggest' ? index.suggest(c.context, c.options) : index.search(c.query, c.options),
      );
  return answers;
}
