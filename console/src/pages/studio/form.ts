import {
  MatchExpression,
  ScriptDraft,
  type ScriptEntry,
  type ScriptLocale,
  SynonymGroup,
} from '../../../../lib/schema/scripts';
import type { ComplaintGrade } from '../../../../lib/schema/sla';
import { unknownVariables } from '../../../../lib/scripts/template';

/** What the editor holds: lists as the trainer types them (one a line), the rest as the draft has them. */
export interface ScriptForm {
  id: string;
  title: string;
  body: string;
  locale: ScriptLocale;
  scenario: string;
  keywords: string;
  phrases: string;
  tiers: string[];
  teamIds: string[];
  /** One a line or separated by commas, like the keywords. */
  tags: string;
  grades: ComplaintGrade[];
  /** Each synonym group as typed: its terms one a line or separated by commas. */
  synonyms: string[];
  /** The script of the other Chinese variant this one is a version of; '' for none. */
  variantOf: string;
}

export const emptyForm = (): ScriptForm => ({
  id: '',
  title: '',
  body: '',
  locale: 'en',
  scenario: '',
  keywords: '',
  phrases: '',
  tiers: [],
  teamIds: [],
  tags: '',
  grades: [],
  synonyms: [],
  variantOf: '',
});

export function formOf(script: ScriptEntry, teamIds: string[]): ScriptForm {
  return {
    id: script.id,
    title: script.title,
    body: script.body,
    locale: script.locale,
    scenario: script.scenario,
    keywords: script.triggerKeywords.join('\n'),
    phrases: script.phrases.join('\n'),
    tiers: [...script.tiers],
    teamIds: [...teamIds],
    tags: script.tags.join('\n'),
    grades: [...script.grades],
    synonyms: script.synonyms.map((group) => group.join('\n')),
    variantOf: script.variantOf ?? '',
  };
}

/** One entry a line (commas also separate keywords: trainers paste "refund, money back"). */
const lines = (text: string, commas: boolean) =>
  text
    .split(commas ? /[\n,，、]/ : /\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The draft as the API takes it (before the shared schema's checks). */
export function draftInput(form: ScriptForm) {
  return {
    id: form.id.trim(),
    title: form.title.trim(),
    body: form.body,
    locale: form.locale,
    scenario: form.scenario.trim(),
    triggerKeywords: lines(form.keywords, true),
    phrases: lines(form.phrases, false),
    tiers: form.tiers,
    tags: lines(form.tags, true),
    grades: form.grades,
    synonyms: form.synonyms.map((group) => lines(group, true)),
    ...(form.variantOf ? { variantOf: form.variantOf } : {}),
  };
}

/** The editor's field each draft path is shown next to. */
const FIELD_OF: Record<string, keyof ScriptForm> = {
  id: 'id',
  title: 'title',
  body: 'body',
  locale: 'locale',
  scenario: 'scenario',
  triggerKeywords: 'keywords',
  phrases: 'phrases',
  tiers: 'tiers',
  teamIds: 'teamIds',
  tags: 'tags',
  grades: 'grades',
  synonyms: 'synonyms',
  variantOf: 'variantOf',
};

/** Where an error is shown: a field, one synonym group (`synonyms.2`), or the form as a whole. */
export type ErrorPlace = keyof ScriptForm | `synonyms.${number}` | 'form';

/**
 * A server or schema issue path (`script.body`, `triggerKeywords.2`) as the editor field it belongs to; a synonym
 * group's problem (`synonyms.1.0`) goes next to that group.
 */
export function fieldOfPath(path: string): ErrorPlace {
  const parts = path.split('.').filter((part) => part !== 'script');
  if (parts[0] === 'synonyms' && /^\d+$/.test(parts[1] ?? '')) return `synonyms.${Number(parts[1])}`;
  return FIELD_OF[parts[0] ?? ''] ?? 'form';
}

export type FieldErrors = Partial<Record<ErrorPlace, string[]>>;

export function addIssue(errors: FieldErrors, path: string, message: string): FieldErrors {
  const field = fieldOfPath(path);
  return { ...errors, [field]: [...(errors[field] ?? []), message] };
}

/**
 * The shared schema's verdict plus the unknown variables the server would refuse, by field, before anything is sent:
 * a draft with problems is never half-saved.
 */
export function checkForm(form: ScriptForm): { draft: ScriptDraft | null; errors: FieldErrors; unknown: string[] } {
  let errors: FieldErrors = {};
  const parsed = ScriptDraft.safeParse(draftInput(form));
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors = addIssue(errors, issue.path.join('.'), issue.message);
  const unknown = unknownVariables(form.body);
  const ok = parsed.success && Object.keys(errors).length === 0 && unknown.length === 0;
  return { draft: ok ? parsed.data : null, errors, unknown };
}

/**
 * A draft good enough to preview while the trainer is still typing: the parsed one when the form is valid, else
 * the form as it is with placeholders for the empty required fields and only the phrases that would be accepted.
 */
export function previewDraft(form: ScriptForm): ScriptDraft {
  const input = draftInput(form);
  const parsed = ScriptDraft.safeParse(input);
  if (parsed.success) return parsed.data;
  return {
    ...input,
    id: input.id || 'new-script',
    title: input.title || '…',
    scenario: input.scenario || 'general',
    phrases: input.phrases.filter((phrase) => MatchExpression.safeParse(phrase).success),
    synonyms: input.synonyms.filter((group) => SynonymGroup.safeParse(group).success),
  };
}

/** The fields a trainer edits, compared one by one when merging. */
const MERGED_FIELDS = [
  'title',
  'body',
  'locale',
  'scenario',
  'keywords',
  'phrases',
  'tiers',
  'teamIds',
  'tags',
  'grades',
  'synonyms',
  'variantOf',
] as const;
type MergedField = (typeof MERGED_FIELDS)[number];

/**
 * Someone saved `theirs` on top of the `base` this trainer started from: each field the trainer changed keeps the
 * trainer's value, every other field takes theirs. Fields both changed differently are named (the trainer's kept).
 */
export function mergeForms(
  base: ScriptForm,
  mine: ScriptForm,
  theirs: ScriptForm,
): { form: ScriptForm; bothChanged: MergedField[] } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const form: ScriptForm = { ...theirs, id: mine.id };
  const bothChanged: MergedField[] = [];
  for (const field of MERGED_FIELDS) {
    const iChanged = !same(mine[field], base[field]);
    if (!iChanged) continue;
    // why: each field keeps its own type; the loop only copies a value to the same field.
    (form as unknown as Record<MergedField, unknown>)[field] = mine[field];
    if (!same(theirs[field], base[field]) && !same(theirs[field], mine[field])) bothChanged.push(field);
  }
  return { form, bothChanged };
}
