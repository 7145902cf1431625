import type { ScriptEntry } from '../../../../lib/schema/scripts';
import { ComplaintGrade } from '../../../../lib/schema/sla';
import { t } from '../../i18n';
import type { FieldErrors, ScriptForm } from './form';
import { gradeName, localeName } from './labels';
import { invalid, Problem } from './Problem';

/** The other Chinese variant a script can be a version of (docs/trainers/chinese-variants.md); none for English. */
const OTHER_VARIANT: Record<ScriptForm['locale'], ScriptForm['locale'] | null> = {
  en: null,
  zh_CN: 'zh_TW',
  zh_TW: 'zh_CN',
};

/**
 * What else decides when a script is suggested and to whom: its tags, the complaint grades it is written for, its
 * own synonym groups, and the script of the other Chinese variant it is a version of.
 */
export function MatchingFields({
  form,
  set,
  errors,
  scripts,
}: {
  form: ScriptForm;
  set: (patch: Partial<ScriptForm>) => void;
  errors: FieldErrors;
  /** The organisation's scripts, newest version of each: where `variantOf` is picked from. */
  scripts: ScriptEntry[];
}) {
  const other = OTHER_VARIANT[form.locale];
  const variants = scripts.filter((script) => script.locale === other && script.id !== form.id);
  // A saved choice stays listed even when it no longer fits (the language changed), so the server's reason shows.
  const listed = form.variantOf && !variants.some((script) => script.id === form.variantOf);
  const setGroup = (index: number, text: string) =>
    set({ synonyms: form.synonyms.map((group, at) => (at === index ? text : group)) });
  return (
    <>
      <div class="studio-field">
        <label>
          {t('studio.field.tags')}
          <textarea
            name="tags"
            rows={2}
            value={form.tags}
            onInput={(e) => set({ tags: e.currentTarget.value })}
            {...invalid(errors, 'tags')}
          />
        </label>
        <Problem errors={errors} place="tags" />
      </div>
      <fieldset {...invalid(errors, 'grades')}>
        <legend>{t('studio.field.grades')}</legend>
        <p class="hint">{t('studio.field.grades.help')}</p>
        {ComplaintGrade.options.map((grade) => (
          <label key={grade} class="check">
            <input
              type="checkbox"
              name="grades"
              value={grade}
              checked={form.grades.includes(grade)}
              onChange={(e) =>
                set({
                  grades: e.currentTarget.checked ? [...form.grades, grade] : form.grades.filter((x) => x !== grade),
                })
              }
            />
            {gradeName(grade)}
          </label>
        ))}
        <Problem errors={errors} place="grades" />
      </fieldset>
      <fieldset class="studio-synonyms full">
        <legend>{t('studio.field.synonyms')}</legend>
        <p class="hint">{t('studio.field.synonyms.help')}</p>
        <ol>
          {form.synonyms.map((group, index) => (
            <li key={index} class="studio-field" data-synonym-group={index}>
              <label>
                {t('studio.synonyms.group', { n: index + 1 })}
                <textarea
                  name={`synonyms.${index}`}
                  rows={2}
                  value={group}
                  onInput={(e) => setGroup(index, e.currentTarget.value)}
                  {...invalid(errors, `synonyms.${index}`)}
                />
              </label>
              <button
                type="button"
                class="secondary"
                onClick={() => set({ synonyms: form.synonyms.filter((_, at) => at !== index) })}
              >
                {t('studio.synonyms.remove', { n: index + 1 })}
              </button>
              <Problem errors={errors} place={`synonyms.${index}`} />
            </li>
          ))}
        </ol>
        <button type="button" class="secondary" onClick={() => set({ synonyms: [...form.synonyms, ''] })}>
          {t('studio.synonyms.add')}
        </button>
        <Problem errors={errors} place="synonyms" />
      </fieldset>
      <div class="studio-field">
        <label>
          {t('studio.field.variantOf')}
          <select
            name="variantOf"
            value={form.variantOf}
            onChange={(e) => set({ variantOf: e.currentTarget.value })}
            {...invalid(errors, 'variantOf')}
          >
            <option value="">{t('studio.variantOf.none')}</option>
            {listed && <option value={form.variantOf}>{form.variantOf}</option>}
            {variants.map((script) => (
              <option key={script.id} value={script.id}>
                {script.title} ({script.id})
              </option>
            ))}
          </select>
        </label>
        <p class="hint">
          {other ? t('studio.field.variantOf.help', { other: localeName(other) }) : t('studio.field.variantOf.english')}
        </p>
        <Problem errors={errors} place="variantOf" />
      </div>
    </>
  );
}
