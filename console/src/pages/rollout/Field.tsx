import type { ComponentChildren } from 'preact';
import { type MessageKey, t } from '../../i18n';

/** Ids that tie a field to its error, so the error is read with the field. */
export const errorId = (field: string) => `rollout-${field}-error`;

/** The error under a field, in the page's language, naming the field. */
export function FieldError({ field, errors }: { field: string; errors: Map<string, string> }) {
  const detail = errors.get(field);
  if (detail === undefined) return null;
  return (
    <p id={errorId(field)} class="rollout-error" data-error-for={field}>
      {t(`rollout.error.${field}` as MessageKey)}
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
