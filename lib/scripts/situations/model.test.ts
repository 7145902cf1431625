import { describe, expect, it } from 'vitest';
import { KNOWN_SCENARIOS } from '../../schema/scripts';
import { shippedSituationModel } from './default-model';
import { plainSituationModel, readSituation, SituationModelCheck, situationModelOf } from './model';

const model = shippedSituationModel();

describe('the shipped situation model', () => {
  it('is a valid model over exactly the scenarios the product names', () => {
    const checked = SituationModelCheck.safeParse(plainSituationModel(model));
    expect(checked.error?.issues ?? []).toEqual([]);
    expect(model.scenarios).toEqual([...KNOWN_SCENARIOS].sort());
  });

  it('gives probabilities over the scenarios that sum to 1, for any text', () => {
    for (const text of ['', 'hello', '我的钱被人转走了', '🙂'.repeat(50)]) {
      const reading = readSituation(model, text);
      expect(reading.size).toBe(model.scenarios.length);
      const sum = [...reading.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 9);
    }
  });
});

describe('readSituation', () => {
  const toy = situationModelOf(
    { featuresVersion: 1, scenarios: ['refund', 'lost_delivery'], scale: 10, bias: [0, 0] },
    { 'w:parcel': [1, 30], 退款: [0, 30], 'w:zzz': [0, -5] },
  );

  it('adds the weights of the features the text holds', () => {
    expect(readSituation(toy, 'where is my parcel').get('lost_delivery')).toBeCloseTo(1 / (1 + Math.exp(-3)), 9);
    expect(readSituation(toy, '退款呢').get('refund')).toBeCloseTo(1 / (1 + Math.exp(-3)), 9);
  });

  it('finds every feature of a sorted list, first and last included', () => {
    expect(toy.features).toEqual(['w:parcel', 'w:zzz', '退款']);
    expect(readSituation(toy, 'zzz').get('refund')).toBeCloseTo(1 / (1 + Math.exp(0.5)), 9);
  });

  it('is even when no feature is known', () => {
    expect(readSituation(toy, 'good morning').get('refund')).toBeCloseTo(0.5, 9);
  });
});

describe('SituationModelCheck', () => {
  const base = { featuresVersion: 1 as const, scenarios: ['a', 'b'], scale: 1, bias: [0, 0] };
  it('names what is wrong with a model that is not sorted, or points past its scenarios', () => {
    const unsorted = { ...base, features: ['b', 'a'], starts: [0, 2, 4], entries: [0, 1, 1, 1] };
    expect(SituationModelCheck.safeParse(unsorted).error?.issues[0]?.message).toMatch(/features: not sorted/);
    const outside = { ...base, features: ['a'], starts: [0, 2], entries: [5, 1] };
    expect(SituationModelCheck.safeParse(outside).error?.issues[0]?.message).toMatch(/scenario index out of range/);
  });
});
