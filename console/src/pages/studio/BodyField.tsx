import { useRef, useState } from 'preact/hooks';
import { KNOWN_VARIABLES } from '../../../../lib/scripts/template';
import { t } from '../../i18n';
import { completePlaceholder, type OpenPlaceholder, openPlaceholder } from './variables';

/**
 * The script body: typing `{{` offers the variables the extension fills in (arrow keys, Enter or Tab to take one,
 * Escape to close), and each variable can also be inserted at the caret with a button. Unknown variables are
 * named under the field before saving.
 */
export function BodyField({
  value,
  onInput,
  unknown,
  errors,
}: {
  value: string;
  onInput: (body: string) => void;
  unknown: string[];
  errors: string[];
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [open, setOpen] = useState<OpenPlaceholder | null>(null);
  const [active, setActive] = useState(0);
  const choices = open?.choices ?? [];

  const look = (body: string, caret: number) => {
    const next = openPlaceholder(body, caret);
    setOpen(next && next.choices.length > 0 ? next : null);
    setActive(0);
  };
  const placeCaret = (caret: number) =>
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(caret, caret);
    });
  const take = (name: string) => {
    const caret = area.current?.selectionStart ?? value.length;
    if (!open) return;
    const done = completePlaceholder(value, caret, open, name);
    onInput(done.body);
    setOpen(null);
    placeCaret(done.caret);
  };
  const insert = (name: string) => {
    const start = area.current?.selectionStart ?? value.length;
    const end = area.current?.selectionEnd ?? start;
    const text = `{{${name}}}`;
    onInput(`${value.slice(0, start)}${text}${value.slice(end)}`);
    placeCaret(start + text.length);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + choices.length) % choices.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const name = choices[active];
      if (!name) return;
      event.preventDefault();
      take(name);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(null);
    }
  };

  const described = [
    'studio-body-help',
    unknown.length ? 'studio-body-unknown' : '',
    errors.length ? 'studio-body-errors' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="studio-body full">
      <label for="studio-body">{t('studio.field.body')}</label>
      <textarea
        id="studio-body"
        ref={area}
        name="body"
        rows={8}
        value={value}
        aria-describedby={described}
        aria-invalid={unknown.length > 0 || errors.length > 0 ? 'true' : undefined}
        aria-controls={open ? 'studio-variable-choices' : undefined}
        aria-activedescendant={open ? `studio-variable-${active}` : undefined}
        onInput={(event) => {
          const target = event.currentTarget;
          onInput(target.value);
          look(target.value, target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(event) => look(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setOpen(null), 150)}
      />
      {open && (
        <div
          id="studio-variable-choices"
          role="listbox"
          class="studio-choices"
          aria-label={t('studio.variables.choices')}
        >
          {choices.map((name, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: why: the keyboard picks options from the textarea (arrows, Enter), as a combobox does.
            <div
              key={name}
              tabIndex={-1}
              id={`studio-variable-${index}`}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'is-active' : undefined}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => take(name)}
            >
              {`{{${name}}}`}
            </div>
          ))}
        </div>
      )}
      <p id="studio-body-help" class="hint">
        {t('studio.field.body.help')}
      </p>
      {unknown.length > 0 && (
        <p id="studio-body-unknown" class="problem" role="alert" data-unknown-variables={unknown.join(' ')}>
          {t('studio.variables.unknown', { names: unknown.map((name) => `{{${name}}}`).join(', ') })}
        </p>
      )}
      {errors.length > 0 && (
        <p id="studio-body-errors" class="problem">
          {errors.join('; ')}
        </p>
      )}
      <fieldset class="studio-variables">
        <legend>{t('studio.variables.available')}</legend>
        {KNOWN_VARIABLES.map((name) => (
          <button key={name} type="button" class="secondary" onClick={() => insert(name)}>
            {`{{${name}}}`}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
