import safeRegex from 'safe-regex2';

/**
 * The one check every admin-written regular expression passes before DeskLens runs it on a helpdesk page (ticket
 * URLs, field extraction in generic adapters; URL patterns elsewhere): it must compile, stay short and not be able
 * to backtrack catastrophically — host-page text is someone else's, and a pattern like `(a+)+$` on a long line
 * would freeze the agent's helpdesk tab. Zod-free so the server, the background and the console share it.
 *
 * The backtracking check is safe-regex2 (maintained by the Fastify team): it refuses nested repetition (star
 * height above one) and more than 25 repetitions, the shapes that make backtracking exponential. It cannot see
 * overlapping alternatives under one repetition (`(a|a)*`), so every text a pattern runs on is also capped
 * (`MAX_MATCHED_TEXT`), which keeps even a polynomial pattern fast.
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
  if (options.captureGroup && captureGroupCount(source) === 0) return 'needs a capture group: (…) around the value';
  return undefined;
}
