import { z } from 'zod';
import { FEATURES_VERSION, situationFeatures } from './features';

/**
 * The situation model: a multinomial logistic regression from a ticket's features (features.ts) to the standard
 * scenarios the product names (`KNOWN_SCENARIOS`: refund, lost_delivery, fraud_escalation…), trained by `tools/train-situations.ts`
 * on tickets written for it (`tools/situations/tickets/`).
 *
 * Stored flat, as a woken service worker can load it in a few milliseconds: the features sorted (looked up by binary
 * search, no map to build), and for each the scenarios it says something about with their weights, as whole numbers
 * over `scale`.
 */
export interface SituationModel {
  featuresVersion: typeof FEATURES_VERSION;
  scenarios: string[];
  scale: number;
  bias: number[];
  /** Every feature the model knows, sorted (`<` on strings), each once. */
  features: string[];
  /** Where each feature's pairs start in `entries`, and one more: the end of the last. */
  starts: ArrayLike<number>;
  /** [scenario index, weight × scale] pairs, feature after feature. */
  entries: ArrayLike<number>;
}

/** What a stored or built model must hold; typed arrays are checked as plain arrays (`Array.from`). */
export const SituationModelCheck = z
  .object({
    featuresVersion: z.literal(FEATURES_VERSION),
    scenarios: z.array(z.string().min(1)).min(2),
    scale: z.number().positive(),
    bias: z.array(z.number()),
    features: z.array(z.string().min(1)),
    starts: z.array(z.number().int().nonnegative()),
    entries: z.array(z.number().int()),
  })
  .superRefine((model, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (model.bias.length !== model.scenarios.length) problem('bias: one per scenario');
    if (model.starts.length !== model.features.length + 1) problem('starts: one per feature, and the end');
    if (model.starts.at(-1) !== model.entries.length) problem('starts: the last is the end of entries');
    for (let i = 1; i < model.features.length; i++)
      if (!((model.features[i - 1] as string) < (model.features[i] as string))) {
        problem(`features: not sorted or repeated at ${i} ("${model.features[i]}")`);
        break;
      }
    for (let i = 1; i < model.starts.length; i++)
      if ((model.starts[i] as number) < (model.starts[i - 1] as number) || (model.starts[i] as number) % 2 !== 0) {
        problem(`starts: not increasing pairs at ${i}`);
        break;
      }
    for (let i = 0; i < model.entries.length; i += 2)
      if ((model.entries[i] as number) < 0 || (model.entries[i] as number) >= model.scenarios.length) {
        problem(`entries: scenario index out of range at ${i}`);
        break;
      }
  });

/** The model as the check reads it: typed arrays as plain ones. */
export function plainSituationModel(model: SituationModel) {
  return { ...model, starts: Array.from(model.starts), entries: Array.from(model.entries) };
}

/** How likely each scenario is for this text (the probabilities sum to 1 over the model's scenarios). */
export type SituationReading = Map<string, number>;

/** A model from weights per feature (tests, and the trainer's output before it is stored). */
export function situationModelOf(
  base: Pick<SituationModel, 'featuresVersion' | 'scenarios' | 'scale' | 'bias'>,
  weights: Record<string, number[]>,
): SituationModel {
  const features = Object.keys(weights).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const starts: number[] = [];
  const entries: number[] = [];
  for (const feature of features) {
    starts.push(entries.length);
    entries.push(...(weights[feature] as number[]));
  }
  starts.push(entries.length);
  return { ...base, features, starts, entries };
}

function featureIndex(features: readonly string[], feature: string): number {
  let low = 0;
  let high = features.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = features[middle] as string;
    if (found === feature) return middle;
    if (found < feature) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export function readSituation(model: SituationModel, text: string): SituationReading {
  const logits = model.bias.slice();
  for (const feature of situationFeatures(text)) {
    const at = featureIndex(model.features, feature);
    if (at < 0) continue;
    const end = model.starts[at + 1] as number;
    for (let i = model.starts[at] as number; i < end; i += 2) {
      const scenario = model.entries[i] as number;
      logits[scenario] = (logits[scenario] as number) + (model.entries[i + 1] as number) / model.scale;
    }
  }
  const top = Math.max(...logits);
  let sum = 0;
  const exp = logits.map((logit) => {
    const value = Math.exp(logit - top);
    sum += value;
    return value;
  });
  return new Map(model.scenarios.map((scenario, i) => [scenario, (exp[i] as number) / sum]));
}
