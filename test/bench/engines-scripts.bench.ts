import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { forgetIndexInMemory, scriptIndexFor, showSuggestions } from '../../lib/background/catalog-index';
import { DeskLensDatabase } from '../../lib/background/db';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { createScriptIndex } from '../../lib/scripts/rank';
import { forgetSituationModelInMemory, shippedSituationModel } from '../../lib/scripts/situations/default-model';
import { agreement, secondLabels } from '../suggestions/agreement';
import { gradeFor, independentSet, meanNdcg, ownSet, rankers } from '../suggestions/sets';
import { splitHalves } from '../suggestions/split';
import { largeCatalog } from './large-catalog';
import { p, report } from './stats-helpers';

/**
 * Script suggestions: quality on the labelled sets (nDCG@3 per language next to plain BM25 and the previous
 * ranker), the tier rule over every ticket, and speed and memory over large catalogs — index build, index
 * memory, first suggestion after a service-worker wake (stored index in IndexedDB; the catalog rows read are only
 * those of the shown scripts), ranking p50 / p95.
 */
const own = ownSet();
const independent = independentSet();
// Written and labelled after the ranker's last change by two helpers who never saw it: never tuned on.
const secondChinese = independentSet('independent-zh2');
// Written and labelled blind after the last fit of the weights and after the situation model's training tickets.
const thirdChinese = independentSet('independent-zh3');

// --- Quality -------------------------------------------------------------------------------------------------
const r = rankers(DEFAULT_CATALOG);
// The independent set by half (test/suggestions/split.ts): DEV is where failures were diagnosed, HELD-OUT was
// never read while the ranker was improved — its figure is the one to trust.
const halves = splitHalves(independent);
for (const [name, set] of [
  ['independent set, DEV half', halves.dev],
  ['independent set, HELD-OUT half', halves['held-out']],
  ['independent set', independent],
  ['second independent Chinese set', secondChinese],
  ['third independent Chinese set', thirdChinese],
  ['own set', own],
] as const) {
  for (const locale of ['en', 'zh_CN'] as const) {
    const tickets = set.filter((t) => t.locale === locale);
    if (tickets.length === 0) continue;
    const label = `${name}, ${locale}, ${tickets.length} tickets`;
    const ours = meanNdcg(tickets, r.desklens, 'set');
    const bm25 = meanNdcg(tickets, r.bm25, 'set');
    report('scripts', `nDCG@3 DeskLens (${label})`, ours, '', name === 'own set' ? undefined : '≥ 0.80');
    report(
      'scripts',
      `nDCG@3 DeskLens, grade from DeskLens's grader (${label})`,
      meanNdcg(tickets, r.desklens, 'pipeline'),
      '',
    );
    report('scripts', `nDCG@3 previous ranker (${label})`, meanNdcg(tickets, r.legacy, 'set'), '');
    report('scripts', `nDCG@3 plain BM25, MiniSearch defaults (${label})`, bm25, '');
    report(
      'scripts',
      `DeskLens ÷ plain BM25 (${label})`,
      bm25 > 0 ? ours / bm25 : Number.POSITIVE_INFINITY,
      '×',
      '≥ 1.4',
    );
  }
}
// How far two team leads agree (a second, independent labelling of both sets): the height a ranker can be
// expected to reach against either of them.
for (const [name, set, folder] of [
  ['independent set', independent, 'independent'],
  ['second independent Chinese set', secondChinese, 'independent-zh2'],
] as const) {
  const second = secondLabels(folder);
  for (const locale of ['en', 'zh_CN'] as const) {
    const tickets = set.filter((t) => t.locale === locale);
    if (tickets.length === 0) continue;
    const a = agreement(tickets, second, (t) => r.desklens(t, gradeFor(t, 'set')));
    const label = `${name}, ${locale}, ${a.tickets} tickets`;
    report('scripts', `nDCG@3 second labeller's top 3 against the first (${label})`, a.secondAgainstFirst, '');
    report('scripts', `nDCG@3 first labeller's grades against the second (${label})`, a.firstAgainstSecond, '');
    report('scripts', `nDCG@3 DeskLens against the second labeller (${label})`, a.rankerAgainstSecond, '');
    report('scripts', `nDCG@3 DeskLens against both labellers' mean grades (${label})`, a.rankerAgainstBoth, '');
  }
}
const tiered = createScriptIndex(DEFAULT_CATALOG);
const tiersOf = new Map(DEFAULT_CATALOG.map((s) => [s.id, s.tiers]));
let violations = 0;
for (const t of [...own, ...independent, ...secondChinese, ...thirdChinese])
  for (const tier of ['vip', 'high_value', 'potential', 'general', 'at_risk'])
    for (const s of tiered.suggest(
      { subject: t.subject, latestCustomerMessage: t.message, tags: t.tags },
      { tier, grade: gradeFor(t, 'set'), limit: 3 },
    )) {
      const tiers = tiersOf.get(s.script.id) ?? [];
      if (tiers.length > 0 && !tiers.includes(tier)) violations++;
    }
report(
  'scripts',
  'tier-restricted script outside its tier in the top 3 (every ticket × every tier)',
  violations,
  '',
  '0',
);

// --- Speed and memory ----------------------------------------------------------------------------------------
const contexts = [...own, ...independent].map((t) => ({
  context: { subject: t.subject, latestCustomerMessage: t.message, tags: t.tags },
  options: { tier: t.tier ?? 'general', grade: gradeFor(t, 'pipeline') },
}));

// The situation model a worker parses with its first suggestion: its cost apart, and what it holds in memory.
{
  forgetSituationModelInMemory();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const model = shippedSituationModel();
  report('scripts', 'situation model parse (first suggestion after a wake pays it)', performance.now() - started, 'ms');
  global.gc?.();
  report(
    'scripts',
    `situation model memory (${model.features.length} features, ${model.entries.length / 2} weights)`,
    (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
    'MB',
  );
}

/** Simulated wakes per catalog size; the median is reported. */
const WAKES = 9;

for (const size of [1_000, 10_000]) {
  const catalog = largeCatalog(size);
  const n = size.toLocaleString('en');
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const index = createScriptIndex(catalog, { situations: shippedSituationModel() });
  report('scripts', `index build, ${n} scripts`, performance.now() - started, 'ms');
  global.gc?.();
  report(
    'scripts',
    `index memory, ${n} scripts`,
    (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
    'MB',
    size === 10_000 ? '≤ 20 MB' : undefined,
  );

  // A woken service worker: catalog rows and the stored index are in IndexedDB, nothing is in memory.
  const name = `bench-${size}-${crypto.randomUUID()}`;
  const seeded = new DeskLensDatabase(name);
  await seeded.catalog.bulkPut(catalog.map((entry) => ({ id: entry.id, entry })));
  await seeded.meta.put({ key: 'catalog', value: { version: `bench-${size}`, synonyms: [], priors: [] } });
  await scriptIndexFor(seeded);
  seeded.close();
  const wakes: number[] = [];
  const loads: number[] = [];
  const records: number[] = [];
  for (let round = 0; round < WAKES; round++) {
    // A woken worker starts with an empty heap: the garbage of the previous round (or of the build above) is not
    // its to collect. Without this, a collection landing in one round or another made the median swing by ±10 ms.
    global.gc?.();
    // The index record alone, as IndexedDB hands it over (a structured clone of its typed arrays).
    const reader = new DeskLensDatabase(name);
    started = performance.now();
    await reader.scriptIndex.get('current');
    records.push(performance.now() - started);
    reader.close();

    forgetIndexInMemory();
    forgetSituationModelInMemory();
    const woken = new DeskLensDatabase(name);
    started = performance.now();
    const index = await scriptIndexFor(woken);
    loads.push(performance.now() - started);
    const { context, options } = contexts[round] ?? { context: {}, options: {} };
    // Ranked with the stored index alone; then only the shown scripts' catalog rows are read.
    await showSuggestions(woken, index, index.rankForTicket(context, options));
    wakes.push(performance.now() - started);
    woken.close();
  }
  report(
    'scripts',
    `first suggestion after a worker wake, ${n} scripts (median of ${WAKES})`,
    p(wakes, 0.5),
    'ms',
    size === 10_000 ? '≤ 300 ms' : '≤ 50 ms',
  );
  // fake-indexeddb (Node) clones records far slower than a browser's IndexedDB: the split shows what is ours.
  report('scripts', '  of which reading and loading the stored index', p(loads, 0.5), 'ms');
  report('scripts', '    of which reading the index record (fake-indexeddb, measured apart)', p(records, 0.5), 'ms');
  report('scripts', "  of which ranking and reading the shown scripts' rows", p(wakes, 0.5) - p(loads, 0.5), 'ms');
  await new DeskLensDatabase(name).delete();

  const timings: number[] = [];
  // Round 0 warms the JIT (the service worker ranks many tickets over one index); rounds 1–10 are measured.
  for (let round = 0; round <= 10; round++) {
    for (const { context, options } of contexts) {
      started = performance.now();
      index.suggest(context, options);
      if (round > 0) timings.push(performance.now() - started);
    }
  }
  report('scripts', `suggest p50 over ${n} scripts`, p(timings, 0.5), 'ms');
  report('scripts', `suggest p95 over ${n} scripts`, p(timings, 0.95), 'ms', '≤ 2 ms');
}
