// Quality figures per half of the independent set, without the speed part of the bench: `npx tsx test/suggestions/eval-split.ts`.
// `--dev-failures [--en|--zh]` prints the DEV tickets scoring below 0.8 — DEV only: HELD-OUT text is never printed.
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { gradedNdcgAtK } from '../../lib/scripts/quality';
import { type EvaluationTicket, independentSet, meanNdcg, rankers } from './sets';
import { splitHalves } from './split';

const halves = splitHalves(independentSet());
const r = rankers(DEFAULT_CATALOG);
/** One line of figures: DeskLens with the set's grades and with its own grader, plain BM25, the previous ranker. */
const figures = (label: string, t: EvaluationTicket[]) =>
  console.log(
    label,
    String(t.length).padStart(4),
    'ours',
    meanNdcg(t, r.desklens, 'set').toFixed(3),
    'pipeline',
    meanNdcg(t, r.desklens, 'pipeline').toFixed(3),
    'bm25',
    meanNdcg(t, r.bm25, 'set').toFixed(3),
    'legacy',
    meanNdcg(t, r.legacy, 'set').toFixed(3),
  );
for (const [name, set] of [
  ['dev', halves.dev],
  ['held-out', halves['held-out']],
  ['all', [...halves.dev, ...halves['held-out']]],
] as const)
  for (const locale of ['en', 'zh_CN'] as const)
    figures(
      `${name.padEnd(9)} ${locale.padEnd(6)}`,
      set.filter((x) => x.locale === locale),
    );
// The two blind Chinese sets (the second was fitted on with `tune-ranker --with-zh2`; the third never).
for (const folder of ['independent-zh2', 'independent-zh3'] as const)
  figures(folder.padEnd(16), independentSet(folder));
if (process.argv.includes('--dev-failures')) {
  const { readFileSync } = await import('node:fs');
  const raw = JSON.parse(
    readFileSync(new URL('../fixtures/suggestions/independent/tickets.json', import.meta.url), 'utf8'),
  ) as { id: string; style: string; grade: string; tier: string }[];
  const meta = new Map(raw.map((t) => [t.id, t]));
  const lang = process.argv.includes('--zh') ? 'zh_CN' : process.argv.includes('--en') ? 'en' : undefined;
  for (const t of halves.dev) {
    if (lang && t.locale !== lang) continue;
    const ranked = r.desklens(t, t.grade ?? 'normal');
    const score = gradedNdcgAtK(ranked, t.relevance);
    if (score >= 0.8) continue;
    const m = meta.get(t.id);
    console.log(`\n[${t.id}] ${score.toFixed(2)} ${m?.grade} ${m?.tier} ${m?.style} | ${t.subject} | ${t.message}`);
    console.log(
      '  got :',
      ranked
        .slice(0, 3)
        .map((id) => `${id}(${t.relevance[id] ?? 0})`)
        .join(' '),
    );
    console.log(
      '  want:',
      Object.entries(t.relevance)
        .sort((a, b) => b[1] - a[1])
        .map(([id, g]) => `${id}(${g})`)
        .join(' '),
    );
  }
}
