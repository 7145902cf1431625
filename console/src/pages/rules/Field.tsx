import type { ComponentChildren } from 'preact';

/** The id an input gets from its place in the rule set, so errors and labels can point at it. */
export const fieldId = (path: string) => `rf-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A labelled control with the error for its path beneath it, tied together for screen readers. */
export function Field(props: {
  path: string;
  label: string;
  issues: Record<string, string>;
  children: (attrs: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const id = fieldId(props.path);
  const error = props.issues[props.path];
  return (
    <div class="rules-field" data-path={props.path}>
      <label for={id}>{props.label}</label>
      {props.children({
        id,
        ...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {}),
      })}
      {error && (
        <span class="rules-field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Text for a list edited as "a, b, c"; empty entries dropped. */
export const listText = (list: readonly string[] | undefined) => (list ?? []).join(', ');
export const listOf = (text: string) =>
  text
    .split(/[,，\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** A number field's value: empty means "not set". */
export const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));
