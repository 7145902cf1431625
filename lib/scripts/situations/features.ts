import { isStopWord, stemWord } from '../analyze';
import { negatedSpans } from '../negation';
import { normalizeForMatching } from '../normalize';

/**
 * What the situation model reads of a ticket: the same folding as matching (normalize.ts: case, full width,
 * Traditional → Simplified), then runs of Chinese characters as overlapping 1–3 character grams, and English words as
 * stems and pairs of neighbouring stems. Anything inside a negated clause ("I don't want a replacement", "不要换货") is
 * marked, so the model learns what a refusal means apart from a request. Shared by training and by the extension.
 */
export const FEATURES_VERSION = 1;

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[a-z0-9']+/g;
const NEGATED = '!';

export function situationFeatures(text: string): string[] {
  const normalized = normalizeForMatching(text);
  const spans = negatedSpans(normalized);
  const negated = (at: number) => spans.some(([from, to]) => at >= from && at < to);
  const features = new Set<string>();
  for (const run of normalized.matchAll(HAN_RUN)) {
    const chars = [...run[0]];
    let at = run.index;
    for (let i = 0; i < chars.length; i++) {
      const mark = negated(at) ? NEGATED : '';
      features.add(mark + chars[i]);
      if (i + 1 < chars.length) features.add(mark + chars[i] + chars[i + 1]);
      if (i + 2 < chars.length) features.add(mark + chars[i] + chars[i + 1] + chars[i + 2]);
      at += (chars[i] as string).length;
    }
  }
  let previous: string | undefined;
  for (const word of normalized.matchAll(WORD)) {
    if (isStopWord(word[0])) continue;
    const stem = stemWord(word[0]);
    features.add(`${negated(word.index) ? NEGATED : ''}w:${stem}`);
    if (previous !== undefined) features.add(`b:${previous} ${stem}`);
    previous = stem;
  }
  return [...features];
}
