import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { apiError, zodIssues } from './errors';

export const NUL_MESSAGE = 'Contains a NUL character (U+0000), which cannot be stored';
export const LONE_SURROGATE_MESSAGE =
  'Contains half of a UTF-16 surrogate pair (U+D800–U+DFFF) without the other half, which is not valid text';

/**
 * Strings the database cannot keep as sent, with their paths: U+0000, which PostgreSQL cannot store in text (a 500
 * at the database), and a UTF-16 half without its other half, which becomes U+FFFD on the way to UTF-8 — two
 * different ticket ids would become one, and a password of lone halves would match any other of the same length.
 */
export function unstorableText(
  value: unknown,
  at: string[] = [],
  found: { path: string; message: string }[] = [],
): { path: string; message: string }[] {
  if (found.length >= 20) return found;
  // One path stack, pushed and popped, and joined only for a value found wrong: every request body passes through
  // here, and a batch of events holds thousands of strings.
  if (typeof value === 'string') {
    const message = value.includes('\u0000') ? NUL_MESSAGE : value.isWellFormed() ? undefined : LONE_SURROGATE_MESSAGE;
    if (message) found.push({ path: at.join('.') || '(body)', message });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(String(i));
      unstorableText(value[i], at, found);
      at.pop();
    }
  } else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      at.push(key);
      unstorableText(item, at, found);
      at.pop();
    }
  return found;
}

/**
 * Turns a failed request validation into a 400 that names every bad field; nothing has been written yet. A valid
 * value holding a NUL character or a lone surrogate is refused the same way, on both databases, so SQLite and
 * PostgreSQL agree.
 */
// biome-ignore lint/suspicious/noExplicitAny: why: Hono's Hook is generic over each route's input; this hook serves all of them.
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    return apiError(c, 400, 'invalid_request', `Invalid ${result.target}`, zodIssues(result.error));
  }
  const unstorable = unstorableText(result.data);
  if (unstorable.length) return apiError(c, 400, 'invalid_request', `Invalid ${result.target}`, unstorable);
  return undefined;
};
