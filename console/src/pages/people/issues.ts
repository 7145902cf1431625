import type { z } from 'zod';

/** Problems by field name ("" for the form as a whole), shown next to the field they name. */
export type FieldIssues = Record<string, string>;

/** The shared schema's own complaint for each field, before anything is sent. */
export function zodIssues(error: z.ZodError): FieldIssues {
  const out: FieldIssues = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    out[field] ??= issue.message;
  }
  return out;
}

/** The server's answer to a refused change: its field issues by path, and its message for the form. */
export function serverIssues(error: unknown, status: number): FieldIssues {
  const body = (error as { error?: { message?: string; issues?: { path: string; message: string }[] } } | undefined)
    ?.error;
  const out: FieldIssues = { '': body?.message ?? `HTTP ${status}` };
  for (const issue of body?.issues ?? []) out[issue.path.split('.')[0] ?? ''] ??= issue.message;
  return out;
}
