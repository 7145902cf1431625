import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context';
import { apiError, zodIssues } from './errors';

/** Turns a failed request validation into a 400 that names every bad field; nothing has been written yet. */
// biome-ignore lint/suspicious/noExplicitAny: why: Hono's Hook is generic over each route's input; this hook serves all of them.
export const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    return apiError(c, 400, 'invalid_request', `Invalid ${result.target}`, zodIssues(result.error));
  }
  return undefined;
};
