import type { ComponentChildren } from 'preact';
import { type MessageKey, t } from '../../i18n';
import { en } from '../../i18n/areas/rollout';

/** Ids that tie a field to its error, so the error is read with the field. */
export const errorId = (field: string) => `rollout-${field}-error`;

/** The field's own message, or the form's when the generator names something the form has no message for. */
function errorKey(field: string): MessageKey {
  const key = `rollout.error.${field}`;
  return key in en ? (key as MessageKey) : 'rollout.error.form';
}

/** The error under a field, in the page's language, naming the field. */
export function FieldError({ field, errors }: { field: string; errors: Map<string, string> }) {
  const detail = errors.get(field);
  if (detail === undefined) return null;
  return (
    <p id={errorId(field)} class="rollout-error" data-error-for={field}>
      {t(errorKey(field))}
    </p>
  );
}

/** `aria-invalid` and `aria-describedby` for a field that may have an error. */
export function invalidProps(field: string, errors: Map<string, string>) {
  return errors.has(field) ? { 'aria-invalid': true as const, 'aria-describedby': errorId(field) } : {};
}

/** A group of checkboxes with its legend and error. */
export function CheckGroup({
  field,
  legend,
  errors,
  children,
}: {
  field: string;
  legend: string;
  errors: Map<string, string>;
  children: ComponentChildren;
}) {
  return (
    <fieldset
      class="rollout-checks"
      data-field={field}
      {...(errors.has(field) ? { 'aria-describedby': errorId(field) } : {})}
    >
      <legend>{legend}</legend>
      {children}
      <FieldError field={field} errors={errors} />
    </fieldset>
  );
}
