import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { comparable, engineSays, lifeArb, shareIntlLookups } from '../sla-agreement/lives';
import { simulateSla } from '../sla-reference/model';
import { report } from './stats-helpers';

/**
 * What the property test in test/sla-agreement costs: the generated lives, the engine and the reference model on
 * each, and the comparison. The budget is 2,000 lives (every metric on each) within 30 s in CI.
 */
const LIVES = 2000;
shareIntlLookups();
const cpu = process.cpuUsage();
const started = performance.now();
let engineMs = 0;
let disagreements = 0;
fc.assert(
  fc.property(lifeArb, (input) => {
    const model = comparable(input, simulateSla(input));
    const before = performance.now();
    const engine = comparable(input, engineSays(input));
    engineMs += performance.now() - before;
    if (JSON.stringify(engine) !== JSON.stringify(model)) disagreements++;
  }),
  { numRuns: LIVES, seed: 19 },
);
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
report('sla', `agreement with the reference model, ${LIVES} lives × 7 metrics, wall`, wall / 1000, 's', '≤ 30 s');
report('sla', 'agreement with the reference model, CPU', (used.user + used.system) / 1e6, 's');
report('sla', 'agreement with the reference model, of which the engine', engineMs / 1000, 's');
report('sla', 'agreement with the reference model, lives that disagree', disagreements, '', '0');
if (disagreements > 0) process.exitCode = 1;
