import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateSla } from '../sla-reference/model';
import { comparable, engineSays, lifeArb, shareIntlLookups } from './lives';

/*
 * The engine against the independent reference model (test/sla-reference, written from Zendesk's documentation by
 * someone who never read lib/sla): both must agree on state, breached, deadline and remaining minutes of every
 * metric, on every generated life.
 */
const LIVES = Number(process.env.SLA_MODEL_LIVES ?? 2000);

describe('SLA engine agrees with the independent reference model', () => {
  let restore: () => void = () => undefined;
  beforeAll(() => {
    restore = shareIntlLookups();
  });
  afterAll(() => restore());
  it(`on ${LIVES} random ticket lives, every metric: state, breached, deadline, minutes left`, () => {
    fc.assert(
      fc.property(lifeArb, (input) => {
        expect(comparable(input, engineSays(input))).toEqual(comparable(input, simulateSla(input)));
      }),
      { numRuns: LIVES },
    );
    // About 7 ms of CPU a life, nearly all of it the model's minute-by-minute walk (npm run bench measures it);
    // the timeout only guards a machine under heavy load.
  }, 300_000);
});
