import {
  analyze,
  analyzeNormalized,
  containsHan,
  EMPTY_LEXICON,
  isStopWord,
  type Lexicon,
  type Token,
} from './analyze';
import { foldChineseVariants } from './chinese-variants';
import { holdsNegation, negatedSpans } from './negation';
import { normalizeForMatching, normalizeSpelling } from './normalize';
import { PHRASE_PREFIX } from './term-index';

/**
 * Trainer phrases, trigger keywords and synonyms ("doesn't fit", "寄错了"): expressions matched whole in a
 * ticket, not word by word. Each is reduced to a key — Chinese: its characters without spaces; English: the
 * stems of all its words, stop words included ("how do i") — and the index holds the key as one term. A ticket
 * is searched for the keys it holds: Chinese keys as a run of characters, English keys as stems in order with
 * at most one extra word between two of them ("charged me twice" for "charged twice"). A key starting inside a
 * negated span ("I don't want a replacement") does not count, unless it is itself a negation ("not delivered",
 * "没收到").
 */
export interface AnalyzedText {
  normalized: string;
  /**
   * The text at the same offsets in the customer's own script (Traditional stays Traditional), for the words shown
   * to agents as reasons; `normalized` itself when folding changed the length.
   */
  written: string;
  /** The normalised text without spaces, for Chinese keys. */
  compact: string;
  /** Offset in `normalized` of each character of `compact`. */
  normalizedAt: number[];
  tokens: Token[];
  /** English words (stop words included) in order, for English keys. */
  words: Token[];
  negated: [number, number][];
}

export interface FoundExpression {
  key: string;
  /** The customer's words that matched, from the ticket. */
  said: string;
}

const SPACE = /\s/u;
const MAX_SLOP = 1;
const MAX_HAN_KEY = 16;

export function analyzeText(text: string, lexicon: Lexicon = EMPTY_LEXICON): AnalyzedText {
  const spelled = normalizeSpelling(text);
  const normalized = foldChineseVariants(spelled);
  const negated = negatedSpans(normalized);
  const tokens = analyzeNormalized(normalized, lexicon, negated);
  let compact = '';
  const normalizedAt: number[] = [];
  for (let i = 0; i < normalized.length; i++) {
    const char = normalized[i] as string;
    if (SPACE.test(char)) continue;
    compact += char;
    normalizedAt.push(i);
  }
  return {
    normalized,
    // Folding Chinese variants is character for character, save for a few regional words of other lengths.
    written: spelled.length === normalized.length ? spelled : normalized,
    compact,
    normalizedAt,
    tokens,
    words: tokens.filter((t) => !containsHan(t.term)),
    negated,
  };
}

const keys = new Map<string, string>();
/** The index key of a trainer's expression (cached: the same keywords recur across a catalog). */
export function expressionKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    const normalized = normalizeForMatching(text).trim();
    key =
      PHRASE_PREFIX +
      (containsHan(normalized)
        ? normalized.replace(/\s+/gu, '')
        : analyze(normalized)
            .map((token) => token.term)
            .join(' '));
    if (keys.size > 100_000) keys.clear();
    keys.set(text, key);
  }
  return key;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Finds which of a set of expression keys a ticket holds. */
export class ExpressionFinder {
  private english = new Map<string, string[][]>();
  private chinese = new Map<string, string[]>();

  /**
   * Built once per index load (a woken service worker's first suggestion waits for it): keys are grouped by their
   * first word or character and each group is sorted once, instead of keeping every group sorted as keys arrive,
   * which cost every wake 11–13 ms with the bench's 5,759 keys (4–5 ms now; the wake's budget is 50 ms).
   */
  constructor(keys: Iterable<string> = []) {
    const chinese = new Map<string, Set<string>>();
    const english = new Map<string, Map<string, string[]>>();
    for (const key of keys) {
      const body = key.slice(PHRASE_PREFIX.length);
      if (!body) continue;
      if (containsHan(body)) {
        const first = body[0] as string;
        const group = chinese.get(first) ?? new Set<string>();
        group.add(body);
        chinese.set(first, group);
        continue;
      }
      const stems = body.split(' ');
      const first = stems[0] as string;
      const group = english.get(first) ?? new Map<string, string[]>();
      if (!group.has(body)) group.set(body, stems);
      english.set(first, group);
    }
    // Longest first, then by text: what is found at one place (搞定了 and 搞定) and so the reasons shown never depend
    // on the order the catalog's scripts were read in.
    for (const [first, group] of chinese)
      this.chinese.set(
        first,
        [...group].sort((a, b) => b.length - a.length || compare(a, b)),
      );
    for (const [first, group] of english)
      this.english.set(
        first,
        [...group]
          .sort(([a, aStems], [b, bStems]) => bStems.length - aStems.length || compare(a, b))
          .map(([, stems]) => stems),
      );
  }

  find(text: AnalyzedText): FoundExpression[] {
    const found = new Map<string, FoundExpression>();
    const negated = (offset: number) => text.negated.some(([from, to]) => offset >= from && offset < to);
    const { words } = text;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as Token;
      for (const stems of this.english.get(word.term) ?? []) {
        let at = i;
        let matched = 1;
        while (matched < stems.length) {
          let next = -1;
          for (let j = at + 1; j <= at + 1 + MAX_SLOP && j < words.length; j++) {
            if ((words[j] as Token).term === stems[matched]) {
              next = j;
              break;
            }
          }
          if (next === -1) break;
          at = next;
          matched++;
        }
        if (matched < stems.length) continue;
        const key = PHRASE_PREFIX + stems.join(' ');
        if (found.has(key)) continue;
        const last = words[at] as Token;
        const end = last.start + last.surface.length;
        if (negated(word.start) && !holdsNegation(text.normalized.slice(word.start, end))) continue;
        found.set(key, { key, said: text.written.slice(word.start, end) });
      }
    }
    const { compact } = text;
    for (let i = 0; i < compact.length; i++) {
      for (const body of this.chinese.get(compact[i] as string) ?? []) {
        if (body.length > MAX_HAN_KEY || !compact.startsWith(body, i)) continue;
        const key = PHRASE_PREFIX + body;
        if (found.has(key)) continue;
        const start = text.normalizedAt[i] as number;
        if (negated(start) && !holdsNegation(body)) continue;
        const end = (text.normalizedAt[i + body.length - 1] as number) + 1;
        found.set(key, { key, said: text.written.slice(start, end) });
      }
    }
    return [...found.values()];
  }
}

/** Why a trainer's phrase or synonym cannot work, in words; undefined when it can. */
export function expressionProblem(text: string): string | undefined {
  const normalized = normalizeForMatching(text).trim();
  if (!/[\p{L}\p{N}]/u.test(normalized)) return 'needs at least one letter, digit or Chinese character';
  if (containsHan(normalized)) {
    const han = normalized.replace(/[^\p{Script=Han}]/gu, '');
    const rest = normalized.replace(/[\p{Script=Han}\s\p{P}]/gu, '');
    if (han.length === 1 && rest === '' && isStopWord(han)) return `"${han}" alone is too common to say anything`;
    return undefined;
  }
  const words = analyze(normalized);
  if (words.length > 12) return 'at most 12 words; split a longer sentence into the phrases that matter';
  if (words.length === 1 && isStopWord((words[0] as Token).surface))
    return `"${normalized}" alone is too common to say anything (a stop word)`;
  return undefined;
}
