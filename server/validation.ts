import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { apiError, zodIssues } from './errors';

/** Paths of strings holding U+0000, which PostgreSQL cannot store in text (it would be a 500 at the database). */
export function nulPaths(value: unknown, at: string[] = [], found: string[] = []): string[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(at.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nulPaths(item, [...at, String(i)], found);
  } else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...at, key], found);
  return found;
}

export const NUL_MESSAGE = 'Contains a NUL character (U+0000), which cannot be stored';

/**
 * Turns a failed request validation into a 400 that names every bad field; nothing has been written yet. A valid
 * value holding a NUL character is refused the same way, on both databases, so SQLite and PostgreSQL agree.
 */
// biome-ignore lint/suspicious/noExplicitAny: why: Hono's Hook is generic over each route's input; this hook serves all of them.
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    return apiError(c, 400, 'invalid_request', `Invalid ${result.target}`, zodIssues(result.error));
  }
  const nul = nulPaths(result.data);
  if (nul.length)
    return apiError(
      c,
      400,
      'invalid_request',
      `Invalid ${result.target}`,
      nul.map((path) => ({ path, message: NUL_MESSAGE })),
    );
  return undefined;
};
