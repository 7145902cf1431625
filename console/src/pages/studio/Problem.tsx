import type { ErrorPlace, FieldErrors } from './form';

/** The id of a field's error text, so the field can point at it (`studio-synonyms-2-error`). */
const errorId = (place: ErrorPlace) => `studio-${place.replace('.', '-')}-error`;

/** The problems found with one field or synonym group, shown right next to it. */
export function Problem({ errors, place }: { errors: FieldErrors; place: ErrorPlace }) {
  const list = errors[place];
  return list?.length ? (
    <p id={errorId(place)} class="problem">
      {list.join('; ')}
    </p>
  ) : null;
}

/** Marks a field invalid and ties it to its error text, while it has problems. */
export const invalid = (errors: FieldErrors, place: ErrorPlace) =>
  errors[place]?.length ? { 'aria-invalid': 'true' as const, 'aria-describedby': errorId(place) } : {};
