import type { SituationModel } from './model';
import {
  SITUATION_MODEL_ENTRIES,
  SITUATION_MODEL_FEATURES,
  SITUATION_MODEL_HEADER,
  SITUATION_MODEL_PAIRS,
} from './model-data';

let parsed: SituationModel | undefined;

// why: Uint8Array.fromBase64 (Chrome 140, Firefox 133) is not in TypeScript's lib yet, nor in every Node.
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (base64: string) => Uint8Array }).fromBase64;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function bytesOf(base64: string): Uint8Array {
  if (fromBase64) return fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The stored 16-bit little-endian integers: the bytes themselves on a little-endian machine (all that run browsers). */
function int16sOf(bytes: Uint8Array): Int16Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 2 === 0)
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const values = new Int16Array(bytes.length / 2);
  for (let i = 0; i < values.length; i++) values[i] = view.getInt16(i * 2, true);
  return values;
}

/**
 * The situation model DeskLens ships (trained on `tools/situations/tickets/`), loaded on first use: a woken service
 * worker pays for it with its first suggestion, not before. Not validated here: `model.test.ts` checks the shipped
 * model against the schema, and `tools/train-situations.ts --check` that it is what the tickets give.
 */
export function shippedSituationModel(): SituationModel {
  if (parsed) return parsed;
  const pairs = bytesOf(SITUATION_MODEL_PAIRS);
  const starts = new Uint32Array(pairs.length + 1);
  for (let i = 0; i < pairs.length; i++) starts[i + 1] = (starts[i] as number) + 2 * (pairs[i] as number);
  const entries = int16sOf(bytesOf(SITUATION_MODEL_ENTRIES));
  parsed = {
    ...(JSON.parse(SITUATION_MODEL_HEADER) as Pick<SituationModel, 'featuresVersion' | 'scenarios' | 'scale' | 'bias'>),
    features: SITUATION_MODEL_FEATURES.split('\n'),
    starts,
    entries,
  };
  return parsed;
}

/** For the wake benchmark: a woken worker has not loaded the model yet. */
export function forgetSituationModelInMemory(): void {
  parsed = undefined;
}
