import { DEFAULT_CATALOG } from '../lib/scripts/default-catalog';
import { RANKING_WEIGHTS } from '../lib/scripts/rank';
import { independentSet, meanNdcg, rankers } from '../test/suggestions/sets';
import { splitHalves } from '../test/suggestions/split';

/**
 * Fits the ranker's query-time weights (RANKING_WEIGHTS in lib/scripts/rank.ts) on the DEV half of the
 * independent evaluation set by coordinate descent: each weight in turn is tried up to three steps up and down and
 * kept where DEV nDCG@3 (mean of en and zh) is best. It never reads the HELD-OUT half; copy the printed weights
 * into rank.ts by hand and measure HELD-OUT with the bench. `npx tsx tools/tune-ranker.ts`
 *
 * DEV is 57 + 59 tickets: a fit can gain there and lose on HELD-OUT. The refit it printed on 2026-12-01 (general
 * bases up, grade lift 2.2: DEV en 0.772 → 0.791, zh 0.758 → 0.807) lost on HELD-OUT with the change tried beside
 * it (zh 0.724 → 0.708), although a fit on one half of DEV had held on the other. Weigh a gain from weights alone
 * against that.
 */
const dev = splitHalves(independentSet()).dev;
// `--with-zh2`: the second independent Chinese set (180 tickets, never split) is fitted on with DEV's Chinese half,
// so that the Chinese weights rest on 239 tickets instead of 59.
const fitting = process.argv.includes('--with-zh2') ? [...dev, ...independentSet('independent-zh2')] : dev;
const ranker = rankers(DEFAULT_CATALOG).desklens;
const byLocale = ['en', 'zh_CN'].map((locale) => fitting.filter((t) => t.locale === locale));
const objective = () => byLocale.reduce((sum, tickets) => sum + meanNdcg(tickets, ranker, 'set'), 0) / 2;
/** DEV en / zh, so that a gain in one language bought with a loss in the other shows. */
const perLocale = () => byLocale.map((tickets) => meanNdcg(tickets, ranker, 'set').toFixed(4)).join(', zh ');

type Knob = { name: string; get: () => number; set: (v: number) => void; step: number; min: number };
const W = RANKING_WEIGHTS;
const knobs: Knob[] = [
  ...Object.entries(W.general).flatMap(([grade, bases]) =>
    Object.keys(bases).map((scenario) => ({
      name: `general.${grade}.${scenario}`,
      get: () => bases[scenario] as number,
      set: (v: number) => {
        bases[scenario] = v;
      },
      step: 0.1,
      min: 0,
    })),
  ),
  ...(
    [
      'confidentEvidence',
      'confidentShare',
      'generalWords',
      'gradeLift',
      'tierLift',
      'subjectBoost',
      'synonymBoost',
      'pairBoost',
      'situation',
    ] as const
  ).map((key) => ({
    name: key,
    get: () => W[key],
    set: (v: number) => {
      W[key] = v;
    },
    step: key === 'confidentEvidence' ? 10 : 0.2,
    min: key.endsWith('Lift') ? 1 : 0,
  })),
];

// `--freeze=general.normal.greeting,…`: weights a product rule fixes (tests pin what they decide), left as they are.
const frozen = new Set(
  (process.argv.find((arg) => arg.startsWith('--freeze='))?.slice('--freeze='.length) ?? '').split(',').filter(Boolean),
);
const free = knobs.filter((knob) => !frozen.has(knob.name));

let best = objective();
console.log('start', best.toFixed(4), `(en ${perLocale()})`);
for (let pass = 0; pass < 6; pass++) {
  let improved = false;
  for (const knob of free) {
    const start = knob.get();
    // Every step is tried and the best kept, not the first that gains: taking the first made the result depend on
    // the order the steps were tried in (a small step up could lock out a better step down).
    let bestValue = start;
    // Only a clear gain moves a weight: ties keep the simpler, earlier value.
    let bestScore = best + 0.002;
    for (const delta of [knob.step, -knob.step, 2 * knob.step, -2 * knob.step, 3 * knob.step, -3 * knob.step]) {
      const value = Math.round((start + delta) * 100) / 100;
      if (value < knob.min) continue;
      knob.set(value);
      const score = objective();
      if (score > bestScore) {
        bestScore = score;
        bestValue = value;
      }
    }
    knob.set(bestValue);
    if (bestValue !== start) {
      best = bestScore;
      improved = true;
      console.log(`${knob.name} ${start} → ${bestValue}: ${best.toFixed(4)} (en ${perLocale()})`);
    }
  }
  if (!improved) break;
}
console.log('end', best.toFixed(4), `(en ${perLocale()})`);
console.log(JSON.stringify(W, null, 2));
