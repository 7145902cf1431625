import { DEFAULT_CATALOG } from '../lib/scripts/default-catalog';
import { RANKING_WEIGHTS } from '../lib/scripts/rank';
import { independentSet, meanNdcg, rankers } from '../test/suggestions/sets';
import { splitHalves } from '../test/suggestions/split';

/**
 * Fits the ranker's query-time weights (RANKING_WEIGHTS in lib/scripts/rank.ts) on the DEV half of the
 * independent evaluation set by coordinate descent: each weight in turn is tried a step up and down and kept
 * where DEV nDCG@3 (mean of en and zh) is best. It never reads the HELD-OUT half; copy the printed weights
 * into rank.ts by hand and measure HELD-OUT with the bench. `npx tsx tools/tune-ranker.ts`
 */
const dev = splitHalves(independentSet()).dev;
const ranker = rankers(DEFAULT_CATALOG).desklens;
const byLocale = ['en', 'zh_CN'].map((locale) => dev.filter((t) => t.locale === locale));
const objective = () => byLocale.reduce((sum, tickets) => sum + meanNdcg(tickets, ranker, 'set'), 0) / 2;

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

let best = objective();
console.log('start', best.toFixed(4));
for (let pass = 0; pass < 3; pass++) {
  let improved = false;
  for (const knob of knobs) {
    const start = knob.get();
    for (const delta of [knob.step, -knob.step, 2 * knob.step, -2 * knob.step]) {
      const value = Math.round((start + delta) * 100) / 100;
      if (value < knob.min) continue;
      knob.set(value);
      const score = objective();
      // Only a clear gain moves a weight: ties keep the simpler, earlier value.
      if (score > best + 0.002) {
        best = score;
        improved = true;
        console.log(`${knob.name} ${start} → ${value}: ${best.toFixed(4)}`);
        break;
      }
      knob.set(start);
    }
  }
  if (!improved) break;
}
console.log(JSON.stringify(W, null, 2));
