import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { api, errorMessage } from '../../api/client';
import type { operations } from '../../api/schema';
import { changedPaths, mergeThreeWay } from './merge';

/** The rule sets the API serves (server/rules/rules.kinds.ts), named as its path parameter. */
export type RuleKind = operations['getRuleSet']['parameters']['path']['kind'];

/** Field errors by dotted path inside the rule set (`rules.0.tier`); '' for the set as a whole. */
export type FieldIssues = Record<string, string>;

export interface Conflict<T> {
  /** What the other admin saved, and its ETag to save against. */
  theirs: T | null;
  etag: string;
  /** Fields they changed since this page loaded. */
  changed: string[];
}

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved' }
  | { state: 'invalid'; issues: FieldIssues; message: string }
  | { state: 'conflict'; conflict: Conflict<unknown> }
  | { state: 'failed'; message: string };

function issuesOf(list: { path: string; message: string }[]): FieldIssues {
  const issues: FieldIssues = {};
  for (const issue of list) {
    const path = issue.path.replace(/^value\.?/, '');
    issues[path] ??= issue.message;
  }
  return issues;
}

export const zodIssues = (error: z.ZodError): FieldIssues =>
  issuesOf(error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));

/**
 * One rule set of the organisation: loaded with its ETag, edited as a draft, validated with the very schema the
 * server and the extension use before anything is sent, and saved with If-Match so a stale draft never overwrites
 * someone else's save. A stale save keeps the draft and offers their version, a merge, or overwriting. Each page
 * passes the lib/schema schema its kind is stored with (server/rules/rules.kinds.ts wraps the same ones), so a page
 * loads only the schemas it edits; what only the server can check (ids repeated across the set, calendars in use)
 * comes back as its field errors.
 */
export function useRuleSet<T>(kind: RuleKind, schema: z.ZodType<T, unknown>, fallback: () => T) {
  const [loaded, setLoaded] = useState<{ base: T | null; etag: string } | undefined>();
  const [loadError, setLoadError] = useState<string>();
  const [draft, setDraft] = useState<T | undefined>();
  const [save, setSave] = useState<SaveState>({ state: 'idle' });

  useEffect(() => {
    let stale = false;
    api.GET('/api/v1/rules/{kind}', { params: { path: { kind } } }).then(({ data, error, response }) => {
      if (stale) return;
      if (!data) return setLoadError(errorMessage(error, response.status));
      setLoaded({ base: data.value as T | null, etag: data.etag });
      setDraft((data.value as T | null) ?? fallback());
    });
    return () => {
      stale = true;
    };
  }, [kind]);

  function edit(change: (draft: T) => T | undefined) {
    if (draft === undefined) return;
    const copy = structuredClone(draft);
    const next = change(copy);
    setDraft(next === undefined ? copy : next);
    if (save.state === 'saved') setSave({ state: 'idle' });
  }

  async function submit(etag = loaded?.etag) {
    if (draft === undefined) return;
    const parsed = schema.safeParse(draft);
    if (!parsed.success) return setSave({ state: 'invalid', issues: zodIssues(parsed.error), message: '' });
    setSave({ state: 'saving' });
    const { data, error, response } = await api.PUT('/api/v1/rules/{kind}', {
      params: { path: { kind }, header: etag ? { 'if-match': etag } : {} },
      body: { value: parsed.data },
    });
    if (data) {
      setLoaded({ base: data.value as T, etag: data.etag });
      setDraft(data.value as T);
      return setSave({ state: 'saved' });
    }
    const body = error as { error?: { message?: string; issues?: { path: string; message: string }[] } } | undefined;
    if (response.status === 412) {
      const current = await api.GET('/api/v1/rules/{kind}', { params: { path: { kind } } });
      if (!current.data)
        return setSave({ state: 'failed', message: errorMessage(current.error, current.response.status) });
      const theirs = current.data.value as T | null;
      return setSave({
        state: 'conflict',
        conflict: {
          theirs,
          etag: current.data.etag,
          changed: changedPaths(loaded?.base ?? fallback(), theirs ?? fallback()),
        },
      });
    }
    if (response.status === 400 && body?.error?.issues?.length)
      return setSave({ state: 'invalid', issues: issuesOf(body.error.issues), message: body.error.message ?? '' });
    setSave({ state: 'failed', message: errorMessage(error, response.status) });
  }

  /** After a stale save: take their version (the draft is dropped), merge, or keep mine over theirs. */
  function resolve(choice: 'theirs' | 'merge' | 'mine'): string[] {
    if (save.state !== 'conflict' || draft === undefined) return [];
    const { theirs, etag } = save.conflict;
    const theirsValue = (theirs as T | null) ?? fallback();
    const base = loaded?.base ?? fallback();
    setLoaded({ base: theirs as T | null, etag });
    if (choice === 'mine') {
      void submit(etag);
      return [];
    }
    setSave({ state: 'idle' });
    if (choice === 'theirs') {
      setDraft(theirsValue);
      return [];
    }
    const merged = mergeThreeWay(base, draft, theirsValue);
    setDraft(merged.value as T);
    return merged.clashes;
  }

  const issues = save.state === 'invalid' ? save.issues : {};
  const dirty = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(loaded?.base ?? fallback());
  return { loaded, loadError, draft, edit, setDraft, submit, resolve, save, issues, dirty, schema };
}

export type RuleSetEditor<T> = ReturnType<typeof useRuleSet<T>>;
