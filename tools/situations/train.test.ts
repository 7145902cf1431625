import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSituation } from '../../lib/scripts/situations/model';
import { readTrainingTickets, TRAINING, type TrainingTicket, trainSituationModel } from './train';

const SCENARIOS = ['lost_delivery', 'refund'];
const tickets: TrainingTicket[] = [
  ...['where is my parcel', 'parcel never came', 'the parcel is missing', 'courier lost my parcel'].map((body) => ({
    subject: '',
    body,
    scenarios: ['lost_delivery'],
  })),
  ...['money back please', 'I want my money back', 'give the money back', 'money not back yet'].map((body) => ({
    subject: '',
    body,
    scenarios: ['refund'],
  })),
];

// Eight tickets cannot outweigh the L1 penalty fitted to thousands: a lighter one for them.
const SMALL = { ...TRAINING, l1: 0.1 };

describe('trainSituationModel', () => {
  it('learns which words tell two situations apart', () => {
    const model = trainSituationModel(tickets, SCENARIOS, SMALL);
    expect(readSituation(model, 'has my parcel been found').get('lost_delivery')).toBeGreaterThan(0.8);
    expect(readSituation(model, 'when do I get my money').get('refund')).toBeGreaterThan(0.8);
  });

  it('gives the same model for the same tickets, byte for byte', () => {
    expect(JSON.stringify(trainSituationModel(tickets, SCENARIOS, SMALL))).toBe(
      JSON.stringify(trainSituationModel(tickets, SCENARIOS, SMALL)),
    );
  });

  it('keeps out features seen in too few tickets, and those the L1 penalty leaves at 0', () => {
    const model = trainSituationModel(tickets, SCENARIOS, SMALL);
    expect(model.features).toContain('w:parcel');
    expect(model.features).not.toContain('w:courier');
    const strict = trainSituationModel(tickets, SCENARIOS, { ...TRAINING, l1: 1000 });
    expect(strict.features).toEqual([]);
  });
});

describe('readTrainingTickets', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const folderWith = (content: unknown) => {
    dir = mkdtempSync(join(tmpdir(), 'situations-'));
    writeFileSync(join(dir, 'set.json'), JSON.stringify(content));
    return dir;
  };

  it('names the file and the ticket of a scenario the catalog does not have', () => {
    const folder = folderWith([tickets[0], { subject: '', body: 'hi', scenarios: ['weather'] }]);
    expect(() => readTrainingTickets(folder, new Set(SCENARIOS))).toThrow('set.json: ticket 1: "weather"');
  });

  it('names the file and the field of a malformed ticket', () => {
    const folder = folderWith([{ subject: '', body: '', scenarios: ['refund'] }]);
    expect(() => readTrainingTickets(folder, new Set(SCENARIOS))).toThrow(/set\.json: ticket 0\.body/);
  });
});
