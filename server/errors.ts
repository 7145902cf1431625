import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ApiError } from '../lib/schema/events';

/** Every 4xx the API sends has this one shape, so clients can show the bad fields by name. */
export function apiError<Status extends ContentfulStatusCode>(
  c: Context,
  status: Status,
  code: string,
  message: string,
  issues?: { path: string; message: string }[],
) {
  const body: ApiError = { error: { code, message, ...(issues ? { issues } : {}) } };
  return c.json(body, status);
}

/** Each issue with its dotted path, under `prefix` when the parsed value is one field of the body (`value`). */
export function zodIssues(error: ZodError, prefix?: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || '(body)',
    message: issue.message,
  }));
}
