import { stemmer } from '@orama/stemmers/english';
import { stopwords as englishStopWords } from '@orama/stopwords/english';
import { stopwords as chineseStopWords } from '@orama/stopwords/mandarin';
import { negatedSpans } from './negation';
import { normalizeForMatching } from './normalize';

/**
 * Text analysis for matching tickets to scripts, the same for script text, trainer phrases and tickets:
 * normalise (normalize.ts, the one folding seam) → segment (Intl.Segmenter) → drop stop words → stem English
 * (Snowball / Porter2) → join Chinese words the catalog knows (its trainers' keywords, phrases and synonyms).
 *
 * Why the Chinese lexicon: ICU's dictionary splits many support words ("签收" → 签 + 收, "客服" → 客 + 服) and
 * glues others to their neighbours ("我不" + "想要"). Words a trainer wrote are joined first (longest first, like a
 * user dictionary); what is left comes from ICU, and a run of single characters ICU could not place also gives
 * its neighbour pairs, so unknown two-character words still match — but no pair ever straddles a known word.
 */
export const ANALYZER_VERSION = 2;

export interface Token {
  /** What is matched: an English stem, a Chinese word, a number. */
  term: string;
  /** The customer's own word, for reasons shown to agents. */
  surface: string;
  /** Offset in the normalised text. */
  start: number;
  stop: boolean;
  /** Inside a "don't want …" / "不要…" span: the customer says this is *not* what they want. */
  negated: boolean;
}

export interface Lexicon {
  /** Chinese words the catalog's trainers wrote, joined before ICU's split. */
  hanWords: Set<string>;
  longestHanWord: number;
  /** Single words trainers chose to match on, kept even when they are stop words ("again", "怎么"). */
  keep: Set<string>;
}

export const EMPTY_LEXICON: Lexicon = { hanWords: new Set(), longestHanWord: 0, keep: new Set() };

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const HAS_DIGIT = /\d/;
const MAX_HAN_WORD = 8;

const ENGLISH_STOP = new Set([
  ...englishStopWords,
  'a',
  'please',
  'also',
  'just',
  'yet',
  'really',
  'hi',
  'hey',
  'dear',
]);
// "hi" and "hey" are greetings in every message; a trainer who wants them keeps them by listing them (lexicon.keep).
// The list leaves out some words that fill nearly every Chinese message (negators are read by negation.ts first).
const CHINESE_STOP = new Set([
  ...chineseStopWords,
  ...'没有 没 不 已经 现在 一下 一个 时候 还是 就是 我的 你的 您的 你们 我们 您 亲 呀 啦 哦 吧 呢 嘛 麻烦 一直 然后 因为 所以 这个 那个 这样 怎么办'.split(
    ' ',
  ),
]);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: 'zh' | 'en'): Intl.Segmenter {
  let found = segmenters.get(locale);
  if (!found) {
    found = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, found);
  }
  return found;
}

const stems = new Map<string, string>();
/** English stem of one lower-case word; numbers and codes are kept as they are. */
export function stemWord(word: string): string {
  if (HAS_DIGIT.test(word)) return word;
  let stem = stems.get(word);
  if (stem === undefined) {
    const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
    stem = stemmer(bare.replace(/'/g, ''));
    if (stems.size > 50_000) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

export function containsHan(text: string): boolean {
  return HAN.test(text);
}

export function isStopWord(word: string): boolean {
  return HAN.test(word) ? CHINESE_STOP.has(word) : ENGLISH_STOP.has(word);
}

/**
 * The lexicon of a catalog, from the keys of the expressions its trainers and admins wrote for matching
 * (expressions.ts `expressionKey`: Chinese characters, or English stems joined by spaces).
 */
export function lexiconFromKeys(keys: Iterable<string>): Lexicon {
  const hanWords = new Set<string>();
  const keep = new Set<string>();
  let longestHanWord = 0;
  for (const key of keys) {
    const body = key.slice(1);
    if (!body) continue;
    for (const [run] of body.matchAll(HAN_RUN)) {
      if (run.length < 2 || run.length > MAX_HAN_WORD) continue;
      hanWords.add(run);
      longestHanWord = Math.max(longestHanWord, run.length);
    }
    if (HAN_ONLY.test(body) || (!HAN.test(body) && !body.includes(' '))) keep.add(body);
  }
  return { hanWords, longestHanWord, keep };
}

/** Every word of `text` in order, with its matching term and whether it is a stop word or negated. */
export function analyze(text: string, lexicon: Lexicon = EMPTY_LEXICON): Token[] {
  const normalized = normalizeForMatching(text);
  return analyzeNormalized(normalized, lexicon, negatedSpans(normalized));
}

export function analyzeNormalized(normalized: string, lexicon: Lexicon, negated: [number, number][]): Token[] {
  const tokens: Token[] = [];
  const inNegation = (offset: number) => negated.some(([from, to]) => offset >= from && offset < to);
  const han = HAN.test(normalized);
  let run: { start: number; text: string; cuts: number[] } | undefined;
  const flushRun = () => {
    if (run) hanTokens(run.text, run.start, run.cuts, lexicon, tokens, inNegation);
    run = undefined;
  };
  for (const { segment, index, isWordLike } of segmenter(han ? 'zh' : 'en').segment(normalized)) {
    if (HAN_ONLY.test(segment)) {
      if (run && run.start + run.text.length === index) {
        run.cuts.push(run.text.length);
        run.text += segment;
      } else {
        flushRun();
        run = { start: index, text: segment, cuts: [0] };
      }
      continue;
    }
    flushRun();
    if (!isWordLike) continue;
    if (HAN.test(segment)) {
      // Han mixed with letters or digits in one segment (rare): its Han part as a run of its own.
      hanTokens(segment.replace(/[^\p{Script=Han}]/gu, ''), index, [0], lexicon, tokens, inNegation);
      continue;
    }
    const term = stemWord(segment);
    tokens.push({
      term,
      surface: segment,
      start: index,
      stop: ENGLISH_STOP.has(segment) && !lexicon.keep.has(term),
      negated: inNegation(index),
    });
  }
  flushRun();
  return tokens;
}

function hanTokens(
  run: string,
  start: number,
  cuts: number[],
  lexicon: Lexicon,
  out: Token[],
  inNegation: (offset: number) => boolean,
) {
  const boundaries = new Set(cuts);
  const push = (word: string, at: number) =>
    out.push({
      term: word,
      surface: word,
      start: start + at,
      stop: CHINESE_STOP.has(word) && !lexicon.keep.has(word),
      negated: inNegation(start + at),
    });
  const longestAt = (at: number): string | undefined => {
    for (let length = Math.min(lexicon.longestHanWord, run.length - at); length >= 2; length--) {
      const word = run.slice(at, at + length);
      if (lexicon.hanWords.has(word)) return word;
    }
    return undefined;
  };
  // Single characters in a row (ICU could not place them) give their neighbour pairs.
  let singles: { char: string; at: number }[] = [];
  const flushSingles = () => {
    for (let i = 0; i + 1 < singles.length; i++) {
      const a = singles[i] as { char: string; at: number };
      const b = singles[i + 1] as { char: string; at: number };
      if (b.at === a.at + 1) push(a.char + b.char, a.at);
    }
    singles = [];
  };
  let at = 0;
  while (at < run.length) {
    const known = longestAt(at);
    if (known) {
      flushSingles();
      push(known, at);
      // A long known word also gives its own ICU words, so "签收" still matches inside "显示签收".
      if (known.length > 2) {
        let from = at;
        for (let i = at + 1; i <= at + known.length; i++) {
          if (i === at + known.length || boundaries.has(i)) {
            if (i - from >= 2 && i - from < known.length) push(run.slice(from, i), from);
            from = i;
          }
        }
      }
      at += known.length;
      continue;
    }
    // The ICU word from here, cut short where a known word starts inside it.
    let end = at + 1;
    while (end < run.length && !boundaries.has(end) && !longestAt(end)) end++;
    const piece = run.slice(at, end);
    if (piece.length === 1) {
      if (CHINESE_STOP.has(piece) && !lexicon.keep.has(piece)) flushSingles();
      else singles.push({ char: piece, at });
    } else flushSingles();
    push(piece, at);
    at = end;
  }
  flushSingles();
}

/** The terms of a script's text for the index (stop words out; negation does not apply to scripts). */
export function indexTerms(text: string, lexicon: Lexicon = EMPTY_LEXICON): string[] {
  return analyze(text, lexicon)
    .filter((token) => !token.stop)
    .map((token) => token.term);
}

/** Marks a character-pair term, so that a pair never meets the word of the same two characters. */
export const BIGRAM_PREFIX = '\u0002';
/**
 * Function characters that fill nearly every Chinese message ("的", "了", "吗"): a pair holding one says little
 * about the issue, so it is left out.
 */
const FUNCTION_CHARACTERS = new Set('的了吗呢吧啊呀啦哦嘛么我你您他她它们是在有这那就都也还很和与及或把被给让');

/**
 * Overlapping Han character pairs of a normalised text (the standard second field of Chinese retrieval): they match
 * where segmentation split a word differently or a customer paraphrased with other word boundaries. Offsets are
 * those of the pair's first character; pairs in a negated span are marked.
 */
export function hanBigrams(
  normalized: string,
  negated: [number, number][] = [],
): { term: string; start: number; negated: boolean }[] {
  const pairs: { term: string; start: number; negated: boolean }[] = [];
  for (const match of normalized.matchAll(HAN_RUN)) {
    const run = match[0];
    const at = match.index ?? 0;
    for (let i = 0; i + 1 < run.length; i++) {
      const a = run[i] as string;
      const b = run[i + 1] as string;
      if (FUNCTION_CHARACTERS.has(a) || FUNCTION_CHARACTERS.has(b)) continue;
      const start = at + i;
      pairs.push({
        term: BIGRAM_PREFIX + a + b,
        start,
        negated: negated.some(([from, to]) => start >= from && start < to),
      });
    }
  }
  return pairs;
}
