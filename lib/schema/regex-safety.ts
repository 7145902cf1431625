import ret, { type Root, reconstruct, type SetTokens, type Token, types } from 'ret';
import safeRegex from 'safe-regex2';

/**
 * The one check every admin-written regular expression passes before DeskLens runs it on a helpdesk page (ticket
 * URLs, field extraction in generic adapters; URL patterns elsewhere): it must compile, stay short and not be able
 * to backtrack catastrophically — host-page text is someone else's, and a pattern like `(a+)+$` on a long line
 * would freeze the agent's helpdesk tab. Zod-free so the server, the background and the console share it.
 *
 * Two shapes make backtracking exponential, and both are refused:
 * - nested repetition (star height above one, `(a+)+`, `(\d*)*`) and more than 25 repetitions: safe-regex2
 *   (maintained by the Fastify team);
 * - alternatives under one repetition that can start with the same character (`(a|a)*`, `(a|aa)*`, `(\w|\d)+`,
 *   `(.|\s)*`): each run of such characters can be split between the alternatives in exponentially many ways.
 *   safe-regex2 cannot see this, so `alternationOverlap` below checks it on the tree of safe-regex2's own parser
 *   (`ret`, already in the bundle). The test is the first character, so it is conservative: `(ab|ac)*` and
 *   `(a|ab)*` are refused although V8 only backtracks polynomially on them; `(a(?:b|c))*` passes.
 * Every text a pattern runs on is also capped (`MAX_MATCHED_TEXT`), which keeps the polynomial patterns both
 * checks let through (`.+ to (.+)$`) fast.
 */
export const MAX_REGEX_LENGTH = 300;
export { MAX_MATCHED_TEXT } from './matched-text';

/** Number of capture groups in a valid pattern (an empty alternative matches once and reports every group). */
export function captureGroupCount(source: string): number {
  return (new RegExp(`${source}|`).exec('')?.length ?? 1) - 1;
}

/**
 * Why a pattern cannot be used, or undefined when it can. `captureGroup: true` demands at least one capture
 * group (its first group is the value read).
 */
export function regexProblem(source: string, options: { captureGroup: boolean }): string | undefined {
  if (source.length === 0) return 'empty regular expression';
  if (source.length > MAX_REGEX_LENGTH) return `longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(source);
  } catch (error) {
    return `not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!safeRegex(source)) {
    return 'could backtrack catastrophically on long text (a repetition inside a repetition, such as (a+)+, or more than 25 repetitions) or uses syntax the safety check cannot read (lookbehind); rewrite it';
  }
  const overlap = alternationOverlap(source);
  if (overlap) {
    const [first, second] = overlap.alternatives.map((alternative) => alternative || 'the empty alternative');
    return `could backtrack catastrophically on long text: in ${overlap.repetition} the alternatives ${first} and ${second} can both start with ${describeChar(overlap.char)}, so a run of such text can be split between them in exponentially many ways; make the alternatives start with different characters, or merge them (\\w, not (\\w|\\d))`;
  }
  if (options.captureGroup && captureGroupCount(source) === 0) return 'needs a capture group: (…) around the value';
  return undefined;
}

/** An alternation under a repetition whose alternatives can start with the same character. */
interface Overlap {
  /** The repetition, as written (e.g. `(a|aa)*`). */
  repetition: string;
  /** Two alternatives that overlap, as written (empty for an empty alternative). */
  alternatives: [string, string];
  /** A character both can start with (UTF-16 code unit). */
  char: number;
}

/**
 * The first alternation under a repetition (`*`, `+`, `{n,}`, `{n,m}` with m > 1) whose alternatives can start with
 * the same character, or undefined. An alternative that can match the empty string (`(?:a|)`) counts with the
 * characters that can follow it inside the repetition, the next iteration included: `(?:a(?:a|))*` is `(a|aa)*`.
 * Lookarounds match atomically and are checked as patterns of their own. Undefined too when the parser cannot read
 * the pattern (safe-regex2 refuses those first).
 */
function alternationOverlap(source: string): Overlap | undefined {
  let root: Root;
  try {
    root = ret(withNamedReferences(source));
  } catch {
    return undefined;
  }
  return root.options ? alternativesOverlap(root.options, undefined) : sequenceOverlap(root.stack ?? [], undefined);
}

/** Inside a repetition: the repetition, and the characters that can come after the current token within it. */
interface Context {
  repetition: Token;
  follow: Ranges;
}

function tokenOverlap(token: Token, context: Context | undefined): Overlap | undefined {
  switch (token.type) {
    case types.REPETITION: {
      if (token.max !== null && token.max <= 1) return tokenOverlap(token.value, context);
      // After one iteration comes the next (leaving the repetition adds one path per iteration, not a doubling).
      const next = start(token.value).chars;
      return tokenOverlap(token.value, { repetition: token, follow: union(next, context?.follow ?? NONE) });
    }
    case types.GROUP:
      if (token.followedBy || token.notFollowedBy || token.lookBehind) {
        return token.options
          ? alternativesOverlap(token.options, undefined)
          : sequenceOverlap(token.stack ?? [], undefined);
      }
      return token.options ? alternativesOverlap(token.options, context) : sequenceOverlap(token.stack ?? [], context);
    default:
      return undefined;
  }
}

function alternativesOverlap(alternatives: Token[][], context: Context | undefined): Overlap | undefined {
  if (context && alternatives.length > 1) {
    const starts = alternatives.map((alternative) => {
      const { chars, nullable } = sequenceStart(alternative);
      return { alternative, chars: nullable ? union(chars, context.follow) : chars };
    });
    for (const [index, first] of starts.entries()) {
      for (const second of starts.slice(index + 1)) {
        const common = intersect(first.chars, second.chars);
        if (common.length > 0) {
          return {
            repetition: written(context.repetition),
            alternatives: [written(first.alternative), written(second.alternative)],
            char: representative(common),
          };
        }
      }
    }
  }
  for (const alternative of alternatives) {
    const overlap = sequenceOverlap(alternative, context);
    if (overlap) return overlap;
  }
  return undefined;
}

function sequenceOverlap(tokens: Token[], context: Context | undefined): Overlap | undefined {
  // What can follow each token: the start of the rest of the sequence, and the sequence's own follow where the
  // rest can match the empty string.
  const follows: Ranges[] = [];
  let follow = context?.follow ?? NONE;
  for (const token of [...tokens].reverse()) {
    follows.unshift(follow);
    const { chars, nullable } = start(token);
    follow = nullable ? union(chars, follow) : chars;
  }
  for (const [index, token] of tokens.entries()) {
    const inner = context && { repetition: context.repetition, follow: follows[index] ?? NONE };
    const overlap = tokenOverlap(token, inner);
    if (overlap) return overlap;
  }
  return undefined;
}

/** The characters a token's match can start with, and whether it can match the empty string. */
interface Start {
  chars: Ranges;
  nullable: boolean;
}

function start(token: Token): Start {
  switch (token.type) {
    case types.CHAR:
      return { chars: [[token.value, token.value]], nullable: false };
    case types.SET:
      return { chars: setRanges(token.set, token.not), nullable: false };
    case types.POSITION:
      return { chars: NONE, nullable: true };
    case types.REFERENCE:
      // Whatever the group matched, possibly nothing.
      return { chars: ALL, nullable: true };
    case types.REPETITION: {
      const inner = start(token.value);
      return { chars: token.max === 0 ? NONE : inner.chars, nullable: token.min === 0 || inner.nullable };
    }
    case types.GROUP: {
      if (token.followedBy || token.notFollowedBy || token.lookBehind) return { chars: NONE, nullable: true };
      if (!token.options) return sequenceStart(token.stack ?? []);
      let chars = NONE;
      let nullable = false;
      for (const alternative of token.options) {
        const inner = sequenceStart(alternative);
        chars = union(chars, inner.chars);
        nullable ||= inner.nullable;
      }
      return { chars, nullable };
    }
  }
}

function sequenceStart(tokens: Token[]): Start {
  let chars = NONE;
  for (const token of tokens) {
    const inner = start(token);
    chars = union(chars, inner.chars);
    if (!inner.nullable) return { chars, nullable: false };
  }
  return { chars, nullable: true };
}

/**
 * `ret` reads `\k<name>` as the letters k<name>; with named groups it is a back-reference, so it is analysed as
 * one: any character, or nothing (`[^]?`, in a group whose name `written` turns back into `\k<name>`). Only outside
 * character classes, where V8 allows it.
 */
function withNamedReferences(source: string): string {
  if (new RegExp(`${source}|`).exec('')?.groups === undefined) return source;
  let result = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const end = source.indexOf('>', i);
      if (!inClass && source[i + 1] === 'k' && source[i + 2] === '<' && end > 0) {
        result += `(?<${NAMED_REFERENCE}${source.slice(i + 3, end)}>[^]?)`;
        i = end;
      } else {
        result += source.slice(i, i + 2);
        i++;
      }
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    result += char;
  }
  return result;
}

const NAMED_REFERENCE = '$$k$';
const NAMED_REFERENCE_WRITTEN = /\(\?<\$\$k\$([\w$]*)>\[\^\]\?\)/g;

/** Tokens as written in the pattern. */
function written(tokens: Token | Token[]): string {
  const source = Array.isArray(tokens) ? tokens.map((token) => reconstruct(token)).join('') : reconstruct(tokens);
  return source.replace(NAMED_REFERENCE_WRITTEN, '\\k<$1>');
}

function describeChar(char: number): string {
  if (char === 0x20) return 'a space';
  if (char > 0x20 && char < 0x7f) return `"${String.fromCharCode(char)}"`;
  return `U+${char.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Sorted, disjoint, inclusive ranges of UTF-16 code units (patterns run without the u flag). */
type Ranges = readonly (readonly [number, number])[];
const NONE: Ranges = [];
const ALL: Ranges = [[0, 0xffff]];

/** A printable ASCII character of the ranges if there is one (clearer in a message), else the first. */
function representative(ranges: Ranges): number {
  for (const [from, to] of ranges) {
    if (to >= 0x20 && from <= 0x7e) return Math.max(from, 0x20);
  }
  return ranges[0]?.[0] ?? 0;
}

function setRanges(set: SetTokens, not: boolean): Ranges {
  let ranges = NONE;
  for (const member of set) {
    if (member.type === types.CHAR) ranges = union(ranges, [[member.value, member.value]]);
    else if (member.type === types.RANGE) ranges = union(ranges, [[member.from, member.to]]);
    else ranges = union(ranges, setRanges(member.set, member.not));
  }
  return not ? complement(ranges) : ranges;
}

function union(a: Ranges, b: Ranges): Ranges {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const sorted = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function intersect(a: Ranges, b: Ranges): Ranges {
  const common: [number, number][] = [];
  for (const [aFrom, aTo] of a) {
    for (const [bFrom, bTo] of b) {
      const from = Math.max(aFrom, bFrom);
      const to = Math.min(aTo, bTo);
      if (from <= to) common.push([from, to]);
    }
  }
  return common; // sorted and disjoint: a and b are
}

function complement(ranges: Ranges): Ranges {
  const result: [number, number][] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) result.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= 0xffff) result.push([next, 0xffff]);
  return result;
}
