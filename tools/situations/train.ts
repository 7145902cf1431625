import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FEATURES_VERSION, situationFeatures } from '../../lib/scripts/situations/features';
import { type SituationModel, situationModelOf } from '../../lib/scripts/situations/model';

/**
 * Trains the situation model (lib/scripts/situations/model.ts) on the tickets of `tools/situations/tickets/`. Deterministic:
 * the same files give the same model, byte for byte, so a test can tell a model that no longer matches its data.
 *
 * A multinomial logistic regression fitted by AdaGrad over sparse features, written here rather than taken from a
 * library: the ML packages of npm (ml-logistic-regression, natural) fit dense matrices one class at a time, which
 * for ~100,000 features × 31 scenarios is gigabytes, or give no probabilities that sum over the scenarios.
 */
export const TrainingTicket = z.object({
  subject: z.string(),
  body: z.string().min(1),
  /** The situation whose script goes first, then up to two that also help. */
  scenarios: z.array(z.string().min(1)).min(1).max(3),
});
export type TrainingTicket = z.infer<typeof TrainingTicket>;

export interface TrainingOptions {
  epochs: number;
  /** L1 penalty (FTRL-Proximal): a weight stays exactly 0 until its evidence outweighs it — the model stays small. */
  l1: number;
  /** L2 penalty, against weights growing on words seen in a handful of tickets. */
  l2: number;
  learningRate: number;
  /** Features seen in fewer tickets than this are not learned from. */
  minTickets: number;
  /** Weights smaller than this are dropped from the stored model. */
  keepAbove: number;
  scale: number;
}

export const TRAINING: TrainingOptions = {
  epochs: 30,
  l1: 3,
  l2: 1e-4,
  learningRate: 0.5,
  minTickets: 2,
  keepAbove: 0.01,
  scale: 1000,
};

/** Share of the target for the first, second and third scenario a ticket names. */
const TARGET_SHARES: Record<number, number[]> = { 1: [1], 2: [0.7, 0.3], 3: [0.6, 0.2, 0.2] };

export function readTrainingTickets(dir: string, scenarios: ReadonlySet<string>): TrainingTicket[] {
  const tickets: TrainingTicket[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const parsed = z.array(TrainingTicket).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ticket ${issue?.path.join('.')}: ${issue?.message}`);
    }
    parsed.data.forEach((ticket, i) => {
      const unknown = ticket.scenarios.find((scenario) => !scenarios.has(scenario));
      if (unknown) throw new Error(`${file}: ticket ${i}: "${unknown}" is not a known scenario`);
      tickets.push(ticket);
    });
  }
  return tickets;
}

/** A small, seeded generator (Park–Miller): the order of updates is part of what makes training repeatable. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

export function trainSituationModel(
  tickets: TrainingTicket[],
  scenarios: string[],
  options: TrainingOptions = TRAINING,
): SituationModel {
  const classes = scenarios.length;
  const classOf = new Map(scenarios.map((scenario, i) => [scenario, i]));
  const seen = new Map<string, number>();
  const featuresOf = tickets.map((ticket) => situationFeatures(`${ticket.subject}\n${ticket.body}`));
  for (const features of featuresOf) for (const feature of features) seen.set(feature, (seen.get(feature) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  for (const [feature, count] of seen) if (count >= options.minTickets) vocabulary.set(feature, vocabulary.size);
  const rows = featuresOf.map((features) =>
    features.map((feature) => vocabulary.get(feature)).filter((id): id is number => id !== undefined),
  );
  const targets = tickets.map((ticket) => {
    const target = new Float64Array(classes);
    const shares = TARGET_SHARES[ticket.scenarios.length] ?? [1];
    ticket.scenarios.forEach((scenario, i) => {
      const c = classOf.get(scenario);
      if (c !== undefined) target[c] = (target[c] as number) + (shares[i] as number);
    });
    return target;
  });
  // FTRL-Proximal (McMahan et al., 2013), per coordinate: z and n accumulate the gradients; the weight is read off
  // them, and is exactly 0 while |z| is within the L1 penalty.
  const z = new Float64Array(vocabulary.size * classes);
  const n = new Float64Array(vocabulary.size * classes);
  const weightAt = (k: number) => {
    const zk = z[k] as number;
    if (Math.abs(zk) <= options.l1) return 0;
    return -(zk - Math.sign(zk) * options.l1) / ((1 + Math.sqrt(n[k] as number)) / options.learningRate + options.l2);
  };
  const bias = new Float64Array(classes);
  const random = seeded(1);
  const order = tickets.map((_, i) => i);
  const logits = new Float64Array(classes);
  const current = new Float64Array(vocabulary.size * classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const t of order) {
      const row = rows[t] as number[];
      const target = targets[t] as Float64Array;
      let top = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) {
        let sum = bias[c] as number;
        for (const f of row) {
          const k = f * classes + c;
          current[k] = weightAt(k);
          sum += current[k] as number;
        }
        logits[c] = sum;
        if (sum > top) top = sum;
      }
      let total = 0;
      for (let c = 0; c < classes; c++) {
        logits[c] = Math.exp((logits[c] as number) - top);
        total += logits[c] as number;
      }
      for (let c = 0; c < classes; c++) {
        const error = (logits[c] as number) / total - (target[c] as number);
        bias[c] = (bias[c] as number) - 0.05 * error;
        for (const f of row) {
          const k = f * classes + c;
          const before = n[k] as number;
          const after = before + error * error;
          z[k] =
            (z[k] as number) +
            error -
            ((Math.sqrt(after) - Math.sqrt(before)) / options.learningRate) * (current[k] as number);
          n[k] = after;
        }
      }
    }
  }
  const weights = new Float64Array(vocabulary.size * classes);
  for (let k = 0; k < weights.length; k++) weights[k] = weightAt(k);
  const stored: Record<string, number[]> = {};
  for (const [feature, id] of vocabulary) {
    // A constant added to one feature's weights for every scenario changes no probability: taking the row's median
    // out leaves most weights near 0, and only what the feature says for or against a few scenarios is stored.
    const own = Array.from(weights.subarray(id * classes, (id + 1) * classes));
    const median = own.slice().sort((a, b) => a - b)[Math.floor(classes / 2)] as number;
    const row: number[] = [];
    for (let c = 0; c < classes; c++) {
      const weight = (own[c] as number) - median;
      if (Math.abs(weight) >= options.keepAbove) row.push(c, Math.round(weight * options.scale));
    }
    if (row.some((value, i) => i % 2 === 1 && value !== 0)) stored[feature] = row;
  }
  return situationModelOf(
    {
      featuresVersion: FEATURES_VERSION,
      scenarios,
      scale: options.scale,
      bias: Array.from(bias, (b) => Math.round(b * options.scale) / options.scale),
    },
    stored,
  );
}
