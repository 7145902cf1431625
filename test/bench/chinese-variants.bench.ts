import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as OpenCC from 'opencc-js';
import type { ComplaintGrade, GradingKeywords } from '../../lib/schema/sla';
import { foldChineseVariants, setVariantFoldingForBenchmark } from '../../lib/scripts/chinese-variants';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { createScriptIndex } from '../../lib/scripts/rank';
import { DEFAULT_GRADING_KEYWORDS, gradeComplaint } from '../../lib/sla/grading';
import { independentSet } from '../suggestions/sets';
import { p, report } from './stats-helpers';

/**
 * What folding Traditional ↔ Simplified Chinese (issue 20) costs: grading a ticket and ranking scripts for it, with
 * folding and without (matching as it was before), over the independent set's tickets — English, Chinese as
 * written (Simplified) and the Chinese converted to Taiwan Traditional with OpenCC. Budgets: folding adds at most
 * 0.2 ms to grading p95 and 10% to ranking p95. The background bundle's growth is in build-size.bench.ts's figures.
 */
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });
const set = independentSet();
const tickets = [
  ...set,
  ...set
    .filter((t) => t.locale === 'zh_CN')
    .map((t) => ({ ...t, subject: toTaiwan(t.subject), message: toTaiwan(t.message) })),
];
const texts = tickets.map((t) => `${t.subject}\n${t.message}`);
const ROUNDS = 15;

/** Grading before issue 20: lower-cased substring search, no folding. */
function gradeWithoutFolding(text: string, keywords: GradingKeywords = DEFAULT_GRADING_KEYWORDS): ComplaintGrade {
  const haystack = text.toLocaleLowerCase();
  for (const grade of ['urgent', 'important'] as const)
    if (keywords[grade].some((keyword) => haystack.includes(keyword.toLocaleLowerCase()))) return grade;
  return 'normal';
}

// --- Grading -------------------------------------------------------------------------------------------------
/**
 * The machine is shared and busy: each side runs every ticket once per pass, the sides take turns going first, and
 * each figure is the median over the passes of that pass's p95, so a slow moment weighs on one pass only.
 */
function compared(without: (index: number) => void, withFolding: (index: number) => void) {
  const passes = (folding: boolean, run: (index: number) => void) => {
    setVariantFoldingForBenchmark(folding);
    const timings: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const started = performance.now();
      run(i);
      timings.push(performance.now() - started);
    }
    return p(timings, 0.95);
  };
  passes(false, without);
  passes(true, withFolding);
  const before: number[] = [];
  const after: number[] = [];
  for (let pass = 0; pass < ROUNDS; pass++) {
    if (pass % 2 === 0) {
      before.push(passes(false, without));
      after.push(passes(true, withFolding));
    } else {
      after.push(passes(true, withFolding));
      before.push(passes(false, without));
    }
  }
  return { before: p(before, 0.5), after: p(after, 0.5) };
}

const grading = compared(
  (i) => gradeWithoutFolding(texts[i] as string),
  (i) => gradeComplaint(texts[i] as string),
);
report(
  'chinese',
  `grading p95 without folding (median of ${ROUNDS} passes over ${tickets.length} tickets)`,
  grading.before,
  'ms',
);
report(
  'chinese',
  `grading p95 with folding (median of ${ROUNDS} passes over ${tickets.length} tickets)`,
  grading.after,
  'ms',
);
report('chinese', 'folding adds to grading p95', grading.after - grading.before, 'ms', '≤ 0.2 ms');

// --- Ranking -------------------------------------------------------------------------------------------------
// What folding adds to ranking is the folding of the ticket's text (analyzeText folds subject + message, the
// subject's length is measured folded), timed in the same pass as the ranking itself so that the machine's load
// weighs on both alike. Switching folding off and on around one index is not comparable: the analysis caches
// (expression keys, stems) would carry one side's results into the other.
const index = createScriptIndex(DEFAULT_CATALOG);
const rankPasses: number[] = [];
const foldPasses: number[] = [];
for (let pass = -1; pass < ROUNDS; pass++) {
  const ranking: number[] = [];
  const folding: number[] = [];
  for (const t of tickets) {
    let started = performance.now();
    index.suggest(
      { subject: t.subject, latestCustomerMessage: t.message, tags: t.tags },
      { grade: t.grade ?? 'normal', tier: t.tier ?? 'general', limit: 3 },
    );
    ranking.push(performance.now() - started);
    started = performance.now();
    foldChineseVariants(`${t.subject}\n${t.message}`.toLowerCase());
    foldChineseVariants(t.subject.toLowerCase());
    folding.push(performance.now() - started);
  }
  if (pass >= 0) {
    rankPasses.push(p(ranking, 0.95));
    foldPasses.push(p(folding, 0.95));
  }
}
const rankP95 = p(rankPasses, 0.5);
const foldP95 = p(foldPasses, 0.5);
const over = `median of ${ROUNDS} passes over ${tickets.length} tickets`;
report('chinese', `ranking p95, folding included (${over})`, rankP95, 'ms');
report('chinese', `folding a ticket's text for ranking, p95 (${over})`, foldP95, 'ms');
report('chinese', 'folding adds to ranking p95', (foldP95 / (rankP95 - foldP95)) * 100, '%', '≤ 10%');

// --- A service worker's first fold ---------------------------------------------------------------------------
// The tries are built on the first Chinese text a worker folds: after every wake. Measured in fresh processes.
const probe = `
const { foldChineseVariants } = await import(${JSON.stringify(new URL('../../lib/scripts/chinese-variants.ts', import.meta.url).href)});
const started = performance.now();
foldChineseVariants('我的帳戶資金丟失了');
console.log(performance.now() - started);`;
const firsts: number[] = [];
for (let run = 0; run < 5; run++) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
    encoding: 'utf8',
  });
  const ms = Number.parseFloat(child.stdout.trim());
  if (Number.isFinite(ms)) firsts.push(ms);
}
report('chinese', "a worker's first fold, tries built (median of 5 fresh processes)", p(firsts, 0.5), 'ms');
