/**
 * Host-page text longer than this is cut before an admin's pattern runs on it (lib/schema/regex-safety.ts says
 * why). Its own module so the content script takes the number without the regex checker.
 */
export const MAX_MATCHED_TEXT = 2_000;
