import { useLayoutEffect, useState } from 'preact/hooks';
import { OrgSynonyms } from '../../../../lib/schema/scripts';
import { t } from '../../i18n';
import './alerts-synonyms.css';
import { Field, fieldId } from './Field';
import { SaveBar } from './SaveBar';
import { useRuleSet } from './useRuleSet';

/**
 * The organisation's synonyms (docs/admin/script-matching.md): groups of English or Chinese words that mean the
 * same for every script. Saved as one rule set, so a colleague's save in between is merged or kept, never lost.
 */
export default function Synonyms() {
  const editor = useRuleSet<OrgSynonyms>('synonyms', OrgSynonyms, () => []);
  const { draft, edit, issues, loadError } = editor;
  const [focusGroup, setFocusGroup] = useState<number>();
  // A new group's first term takes the keyboard as soon as it is drawn (before the next paint), so nothing typed
  // right after "Add" is lost.
  useLayoutEffect(() => {
    if (focusGroup === undefined) return;
    document.getElementById(fieldId(`${focusGroup}.0`))?.focus();
    setFocusGroup(undefined);
  }, [focusGroup]);
  if (loadError)
    return (
      <p class="rules-error" role="alert">
        {t('rules.loadFailed', { message: loadError })}
      </p>
    );
  if (!draft) return <p role="status">{t('rules.loading')}</p>;

  function addGroup() {
    edit((groups) => [...groups, ['', '']]);
    setFocusGroup(draft?.length ?? 0);
  }

  return (
    <form class="rules-form panel" aria-labelledby="synonyms-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="synonyms-title">{t('rules.synonyms.title')}</h2>
      <p class="hint">{t('rules.synonyms.hint')}</p>
      {draft.length === 0 && <p>{t('rules.synonyms.none')}</p>}
      {draft.map((group, g) => {
        const name = t('rules.synonyms.group', { n: g + 1 });
        const groupError = issues[`${g}`];
        return (
          <fieldset key={g} class="rules-synonym-group" data-group={g}>
            <legend>{name}</legend>
            {groupError && (
              <span class="rules-field-error" role="alert">
                {groupError}
              </span>
            )}
            <div class="rules-row">
              {group.map((term, i) => (
                <div class="rules-row rules-synonym-term" key={i}>
                  <Field
                    path={`${g}.${i}`}
                    label={t('rules.synonyms.term', { n: i + 1, group: g + 1 })}
                    issues={issues}
                  >
                    {(attrs) => (
                      <input
                        {...attrs}
                        value={term}
                        onInput={(e) => {
                          const value = e.currentTarget.value;
                          edit((groups) => {
                            (groups[g] as string[])[i] = value;
                          });
                        }}
                      />
                    )}
                  </Field>
                  <button
                    type="button"
                    aria-label={t('rules.synonyms.removeTerm', { n: i + 1, group: g + 1 })}
                    onClick={() =>
                      edit((groups) => {
                        (groups[g] as string[]).splice(i, 1);
                      })
                    }
                  >
                    {t('rules.remove')}
                  </button>
                </div>
              ))}
            </div>
            <div class="rules-row">
              <button
                type="button"
                onClick={() =>
                  edit((groups) => {
                    (groups[g] as string[]).push('');
                  })
                }
              >
                {t('rules.synonyms.addTerm', { group: g + 1 })}
              </button>
              <button
                type="button"
                onClick={() =>
                  edit((groups) => {
                    groups.splice(g, 1);
                  })
                }
              >
                {t('rules.removeNamed', { name })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={addGroup}>
        {t('rules.synonyms.addGroup')}
      </button>
      <SaveBar editor={editor} name={t('rules.synonyms.title')} />
    </form>
  );
}
