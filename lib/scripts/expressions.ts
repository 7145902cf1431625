import {
  analyze,
  analyzeNormalized,
  containsHan,
  EMPTY_LEXICON,
  isStopWord,
  type Lexicon,
  type Token,
} from './analyze';
import { holdsNegation, negatedSpans } from './negation';
import { normalizeForMatching } from './normalize';

/**
 * Trainer phrases and synonyms ("doesn't fit", "寄错了"): expressions matched whole in a ticket, not word by word.
 * Chinese expressions match as a run of characters (spaces ignored); English ones as their word stems in order,
 * allowing one extra word between two of them ("charged me twice" for "charged twice"). An expression inside a
 * negated span ("I don't want a replacement") does not match, unless the expression is itself a negation
 * ("not delivered", "没收到").
 */
export interface Expression {
  /** As the trainer wrote it. */
  text: string;
  han: boolean;
  /** Chinese: the normalised characters. */
  compact: string;
  /** English: the stems of every word, stop words included ("how do i"). */
  stems: string[];
  negation: boolean;
}

export interface AnalyzedText {
  normalized: string;
  /** The normalised text without spaces, for Chinese expressions. */
  compact: string;
  /** Offsets in `compact` of each offset of `normalized`. */
  compactOffset: number[];
  tokens: Token[];
  /** English words (stop words included) in order, for English expressions. */
  words: Token[];
  negated: [number, number][];
}

const SPACE = /\s/u;
const MAX_SLOP = 1;

export function analyzeText(text: string, lexicon: Lexicon = EMPTY_LEXICON): AnalyzedText {
  const normalized = normalizeForMatching(text);
  const negated = negatedSpans(normalized);
  const tokens = analyzeNormalized(normalized, lexicon, negated);
  let compact = '';
  const compactOffset: number[] = [];
  for (let i = 0; i < normalized.length; i++) {
    compactOffset.push(compact.length);
    const char = normalized[i] as string;
    if (!SPACE.test(char)) compact += char;
  }
  return { normalized, compact, compactOffset, tokens, words: tokens.filter((t) => !containsHan(t.term)), negated };
}

export function compileExpression(text: string): Expression {
  const normalized = normalizeForMatching(text).trim();
  const han = containsHan(normalized);
  return {
    text,
    han,
    compact: normalized.replace(/\s+/gu, ''),
    stems: han ? [] : analyze(normalized).map((token) => token.term),
    negation: holdsNegation(normalized),
  };
}

/** Where the expression occurs in the text (an offset into the normalised text), or undefined. */
export function findExpression(expression: Expression, text: AnalyzedText): number | undefined {
  if (expression.han) {
    let from = 0;
    for (;;) {
      const at = text.compact.indexOf(expression.compact, from);
      if (at === -1) return undefined;
      const offset = text.compactOffset.indexOf(at);
      if (expression.negation || !inSpans(text.negated, offset)) return offset;
      from = at + 1;
    }
  }
  const { stems } = expression;
  if (stems.length === 0) return undefined;
  const words = text.words;
  for (let i = 0; i < words.length; i++) {
    if ((words[i] as Token).term !== stems[0]) continue;
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
    if (matched === stems.length) {
      const start = (words[i] as Token).start;
      if (expression.negation || !inSpans(text.negated, start)) return start;
    }
  }
  return undefined;
}

function inSpans(spans: [number, number][], offset: number): boolean {
  return spans.some(([from, to]) => offset >= from && offset < to);
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
