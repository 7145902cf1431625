import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { GenericAdapterDescription } from '../../../../lib/schema/adapter';
import { t } from '../../i18n';
import { AdapterTester } from './AdapterTester';
import { fieldId } from './Field';
import { SaveBar } from './SaveBar';
import { type FieldIssues, useRuleSet, zodIssues } from './useRuleSet';

/** Not a schema path: the text is not JSON at all. */
const JSON_PROBLEM = '#json';
const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const STARTER = {
  id: 'my-helpdesk',
  matches: ['https://helpdesk.example.com/*'],
  ticketUrl: '^/tickets/(\\d+)',
  activeTicket: { container: 'body', pane: 'main' },
  fields: { subject: 'h1' },
};

/**
 * Generic helpdesk descriptions, each written as JSON (docs/adapters/), checked as it is typed by the schema the
 * extension loads them with; each problem is named by its field. The tester runs the selected description.
 */
export default function Adapters() {
  const editor = useRuleSet<unknown[]>('adapters', z.array(GenericAdapterDescription).max(50), () => []);
  const { draft, edit } = editor;
  const [texts, setTexts] = useState<string[]>([]);
  const [selected, setSelected] = useState(0);

  // The texts follow the draft when it changes from outside the editor (loaded, merged, their version taken).
  useEffect(() => {
    if (!draft) return;
    setTexts((current) =>
      draft.map((description, index) => {
        try {
          if (JSON.stringify(JSON.parse(current[index] ?? '')) === JSON.stringify(description))
            return current[index] as string;
        } catch {}
        return pretty(description);
      }),
    );
  }, [draft]);

  if (editor.loadError) return <p role="alert">{t('rules.loadFailed', { message: editor.loadError })}</p>;
  if (!draft) return <p role="status">{t('rules.loading')}</p>;

  const problems: FieldIssues[] = texts.map((text, index) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { [JSON_PROBLEM]: (error as Error).message };
    }
    const checked = GenericAdapterDescription.safeParse(value);
    const own = checked.success ? {} : zodIssues(checked.error);
    // The server's (and the set's) issues for this description, e.g. a repeated id.
    for (const [path, message] of Object.entries(editor.issues))
      if (path === `${index}` || path.startsWith(`${index}.`)) own[path.slice(`${index}`.length + 1)] ??= message;
    return own;
  });
  const current = draft[selected];
  const parsedCurrent = current === undefined ? undefined : GenericAdapterDescription.safeParse(current);
  const unparsed = problems.some((p) => JSON_PROBLEM in p);

  return (
    <div class="rules-split">
      <form class="rules-form" aria-labelledby="adapters-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="adapters-title">{t('rules.adapters.title')}</h2>
        <p class="hint">{t('rules.adapters.hint')}</p>
        {texts.map((text, index) => {
          const id = fieldId(`adapter-${index}`);
          const own = problems[index] ?? {};
          const name = t('rules.adapters.name', {
            n: index + 1,
            id: String((draft[index] as { id?: unknown })?.id ?? ''),
          });
          return (
            <fieldset class="rules-card" key={index} data-adapter={index}>
              <legend>{name}</legend>
              <label for={id}>{t('rules.adapters.json.label')}</label>
              <textarea
                id={id}
                class="rules-code"
                rows={14}
                spellcheck={false}
                value={text}
                aria-invalid={Object.keys(own).length ? 'true' : undefined}
                aria-describedby={Object.keys(own).length ? `${id}-errors` : undefined}
                onInput={(e) => {
                  const next = e.currentTarget.value;
                  setTexts(texts.map((old, i) => (i === index ? next : old)));
                  try {
                    const value: unknown = JSON.parse(next);
                    edit((d) => {
                      d[index] = value;
                    });
                  } catch {
                    // Kept as text until it is JSON again; saving waits for it.
                  }
                }}
              />
              {Object.keys(own).length > 0 && (
                <ul class="rules-field-error" id={`${id}-errors`} data-issues={index}>
                  {Object.entries(own).map(([path, message]) => (
                    <li key={path}>
                      <code>{path === JSON_PROBLEM ? 'JSON' : path || t('rules.adapters.whole')}</code>: {message}
                    </li>
                  ))}
                </ul>
              )}
              <div class="rules-row">
                <button type="button" onClick={() => setSelected(index)} aria-pressed={selected === index}>
                  {t('rules.adapters.test', { name })}
                </button>
                <button
                  type="button"
                  aria-label={t('rules.removeNamed', { name })}
                  onClick={() => {
                    setTexts(texts.filter((_, i) => i !== index));
                    edit((d) => void d.splice(index, 1));
                    setSelected(0);
                  }}
                >
                  {t('rules.remove')}
                </button>
              </div>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => edit((d) => void d.push({ ...structuredClone(STARTER), id: `helpdesk-${d.length + 1}` }))}
        >
          {t('rules.adapters.add')}
        </button>
        {unparsed ? (
          <p class="rules-error">{t('rules.adapters.notJson')}</p>
        ) : (
          <SaveBar editor={editor} name={t('rules.adapters.title')} />
        )}
      </form>
      <AdapterTester description={parsedCurrent?.success ? parsedCurrent.data : undefined} />
    </div>
  );
}
