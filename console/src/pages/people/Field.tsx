import type { ComponentChildren } from 'preact';

/**
 * A labelled control with its problem right under it. The control itself is passed in; `describedBy` and
 * `invalid` are for it, so screen readers read the problem with the field.
 */
export function Field({
  label,
  id,
  problem,
  children,
}: {
  label: string;
  id: string;
  problem?: string | undefined;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const errorId = `${id}-problem`;
  return (
    <div class="people-field">
      <label for={id}>{label}</label>
      {children({ id, ...(problem ? { 'aria-invalid': true, 'aria-describedby': errorId } : {}) })}
      {problem && (
        <p id={errorId} class="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The form's own problem (one not tied to a field), announced when it appears. */
export function FormProblem({ problem }: { problem?: string | undefined }) {
  return problem ? (
    <p class="problem" role="alert">
      {problem}
    </p>
  ) : null;
}
