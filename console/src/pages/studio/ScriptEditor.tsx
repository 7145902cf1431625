import { useMemo, useState } from 'preact/hooks';
import type { ScriptEntry } from '../../../../lib/schema/scripts';
import type { TierRuleSet } from '../../../../lib/schema/tiers';
import type { RankingSettings } from '../../../../lib/scripts/rank';
import { t } from '../../i18n';
import { teams } from '../../state/session';
import {
  createScript,
  loadDiff,
  loadScript,
  type SaveOutcome,
  type ScriptDiff,
  type ScriptVersion,
  updateScript,
} from '../studio.data';
import { BodyField } from './BodyField';
import { DiffView } from './DiffView';
import {
  addIssue,
  checkForm,
  emptyForm,
  type FieldErrors,
  formOf,
  mergeForms,
  previewDraft,
  type ScriptForm,
} from './form';
import { LOCALE_CHOICES, tierName } from './labels';
import { MatchingFields } from './MatchingFields';
import { PreviewPanel } from './PreviewPanel';
import { invalid, Problem } from './Problem';

/** Someone saved a newer version while this trainer edited: what they changed, and the trainer's text kept. */
interface Conflict {
  base: number;
  newest: ScriptVersion;
  diff: ScriptDiff;
  message: string;
}

/**
 * Writes a new script or a new draft version of one. Nothing is sent while the shared schema or the variable check
 * finds a problem; the server's own issues are shown next to their fields; a 409 keeps the trainer's text.
 */
export function ScriptEditor({
  current,
  others,
  ranking,
  tierRules,
  scripts,
  onSaved,
}: {
  current?: ScriptVersion;
  /** The published scripts the draft is ranked against. */
  others: ScriptEntry[];
  ranking: RankingSettings;
  /** The organisation's tier rules (or the defaults): the tiers a script can be restricted to and previewed for. */
  tierRules: TierRuleSet;
  /** Every script of the organisation, newest version of each: the choices for `variantOf`. */
  scripts: ScriptEntry[];
  onSaved: (version: ScriptVersion) => void;
}) {
  const [form, setForm] = useState<ScriptForm>(() => (current ? formOf(current.script, current.teamIds) : emptyForm()));
  const [base, setBase] = useState(current?.version ?? 0);
  /** The form as the version it was started from had it: what a merge compares both sides with. */
  const [baseForm, setBaseForm] = useState<ScriptForm>(form);
  const [merged, setMerged] = useState<{ version: number; bothChanged: string[] } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [theirsLoaded, setTheirsLoaded] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const check = useMemo(() => checkForm(form), [form]);
  const draft = useMemo(() => previewDraft(form), [form]);
  // The organisation's tiers, most valuable first, then any tier the script named when opened that its rules no longer
  // have (kept listed once unticked, so it can be ticked again).
  const tierChoices = useMemo(() => {
    const ids = [...tierRules.tiers].sort((a, b) => a.rank - b.rank).map((tier) => tier.id);
    return [...ids, ...form.tiers.filter((tier) => !ids.includes(tier))];
  }, [tierRules]);
  const set = (patch: Partial<ScriptForm>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setSaved(null);
  };

  async function save(expected = base) {
    const verdict = checkForm(form);
    setErrors(verdict.errors);
    if (!verdict.draft) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.studio-editor [aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    const { id, ...rest } = verdict.draft;
    let outcome: SaveOutcome;
    try {
      outcome = current
        ? await updateScript(id, expected, rest, form.teamIds)
        : await createScript(verdict.draft, form.teamIds);
    } catch (failure) {
      outcome = { kind: 'invalid', message: failure instanceof Error ? failure.message : String(failure), issues: [] };
    }
    if (outcome.kind === 'conflict') {
      const [newest, diff] = await Promise.all([loadScript(id), loadDiff(id, expected, outcome.newest)]);
      setConflict({ base: expected, newest, diff, message: outcome.message });
    } else if (outcome.kind === 'invalid') {
      let next: FieldErrors = {};
      for (const issue of outcome.issues) next = addIssue(next, issue.path, issue.message);
      if (outcome.issues.length === 0) next = { form: [outcome.message] };
      setErrors(next);
    } else {
      setConflict(null);
      setTheirsLoaded(null);
      setMerged(null);
      setBaseForm(form);
      setBase(outcome.version.version);
      setSaved(outcome.version.version);
      onSaved(outcome.version);
    }
    setBusy(false);
  }

  /** Their version into the form; the trainer's body stays on screen to copy from. */
  const takeTheirs = (found: Conflict) => {
    setTheirsLoaded(form.body);
    const theirs = formOf(found.newest.script, found.newest.teamIds);
    setForm(theirs);
    setBaseForm(theirs);
    setBase(found.newest.version);
    setConflict(null);
  };
  /** The trainer's changes on top of theirs, field by field, for the trainer to review and save. */
  const merge = (found: Conflict) => {
    const theirs = formOf(found.newest.script, found.newest.teamIds);
    const result = mergeForms(baseForm, form, theirs);
    setForm(result.form);
    setBaseForm(theirs);
    setBase(found.newest.version);
    setMerged({ version: found.newest.version, bothChanged: result.bothChanged });
    setConflict(null);
  };

  return (
    <>
      <form
        class="panel studio-editor"
        aria-labelledby="studio-editor-title"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id="studio-editor-title">
          {current ? t('studio.editor.editing', { version: base }) : t('studio.editor.new')}
        </h2>
        {conflict && (
          <div class="studio-conflict full" role="alert" data-conflict={`${conflict.base}-${conflict.newest.version}`}>
            <h3>{t('studio.conflict.title')}</h3>
            <p>{t('studio.conflict.explain', { base: conflict.base, newest: conflict.newest.version })}</p>
            <DiffView diff={conflict.diff} caption={t('studio.conflict.theirChanges')} />
            <div class="buttons">
              <button type="button" onClick={() => merge(conflict)}>
                {t('studio.conflict.merge', { newest: conflict.newest.version })}
              </button>
              <button
                type="button"
                class="secondary"
                disabled={busy}
                onClick={() => void save(conflict.newest.version)}
              >
                {t('studio.conflict.keepMine', { newest: conflict.newest.version })}
              </button>
              <button type="button" class="secondary" onClick={() => takeTheirs(conflict)}>
                {t('studio.conflict.takeTheirs')}
              </button>
            </div>
          </div>
        )}
        {merged && (
          <p class="full hint" role="status" data-merged={merged.version}>
            {t('studio.conflict.merged', { newest: merged.version })}{' '}
            {merged.bothChanged.length > 0 &&
              t('studio.conflict.bothChanged', { fields: merged.bothChanged.join(', ') })}
          </p>
        )}
        {theirsLoaded !== null && (
          <div class="studio-mine full">
            <label for="studio-mine">{t('studio.conflict.yourText')}</label>
            <textarea id="studio-mine" readOnly rows={5} value={theirsLoaded} />
          </div>
        )}
        <div class="studio-field">
          <label>
            {t('studio.field.id')}
            <input
              name="id"
              value={form.id}
              readOnly={Boolean(current)}
              required
              onInput={(e) => set({ id: e.currentTarget.value })}
              {...invalid(errors, 'id')}
            />
          </label>
          <Problem errors={errors} place="id" />
        </div>
        <div class="studio-field">
          <label>
            {t('studio.field.title')}
            <input
              name="title"
              value={form.title}
              required
              onInput={(e) => set({ title: e.currentTarget.value })}
              {...invalid(errors, 'title')}
            />
          </label>
          <Problem errors={errors} place="title" />
        </div>
        <label>
          {t('studio.field.locale')}
          <select
            name="locale"
            value={form.locale}
            onChange={(e) => set({ locale: e.currentTarget.value as ScriptForm['locale'] })}
          >
            {LOCALE_CHOICES().map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <div class="studio-field">
          <label>
            {t('studio.field.scenario')}
            <input
              name="scenario"
              value={form.scenario}
              required
              onInput={(e) => set({ scenario: e.currentTarget.value })}
              {...invalid(errors, 'scenario')}
            />
          </label>
          <Problem errors={errors} place="scenario" />
        </div>
        <BodyField
          value={form.body}
          onInput={(body) => set({ body })}
          unknown={check.unknown}
          errors={errors.body ?? []}
        />
        <div class="studio-field">
          <label>
            {t('studio.field.keywords')}
            <textarea
              name="keywords"
              rows={3}
              value={form.keywords}
              onInput={(e) => set({ keywords: e.currentTarget.value })}
              {...invalid(errors, 'keywords')}
            />
          </label>
          <Problem errors={errors} place="keywords" />
        </div>
        <div class="studio-field">
          <label>
            {t('studio.field.phrases')}
            <textarea
              name="phrases"
              rows={3}
              value={form.phrases}
              onInput={(e) => set({ phrases: e.currentTarget.value })}
              {...invalid(errors, 'phrases')}
            />
          </label>
          <Problem errors={errors} place="phrases" />
        </div>
        <fieldset>
          <legend>{t('studio.field.tiers')}</legend>
          <p class="hint">{t('studio.field.tiers.help')}</p>
          {tierChoices.map((tier) => (
            <label key={tier} class="check">
              <input
                type="checkbox"
                name="tiers"
                value={tier}
                checked={form.tiers.includes(tier)}
                onChange={(e) =>
                  set({ tiers: e.currentTarget.checked ? [...form.tiers, tier] : form.tiers.filter((x) => x !== tier) })
                }
              />
              {tierName(tier, tierRules)}
            </label>
          ))}
        </fieldset>
        <MatchingFields form={form} set={set} errors={errors} scripts={scripts} />
        <fieldset>
          <legend>{t('studio.field.teams')}</legend>
          <p class="hint">{t('studio.field.teams.help')}</p>
          {teams.value.map((team) => (
            <label key={team.id} class="check">
              <input
                type="checkbox"
                name="teamIds"
                value={team.id}
                checked={form.teamIds.includes(team.id)}
                onChange={(e) =>
                  set({
                    teamIds: e.currentTarget.checked
                      ? [...form.teamIds, team.id]
                      : form.teamIds.filter((x) => x !== team.id),
                  })
                }
              />
              {team.name}
            </label>
          ))}
          <Problem errors={errors} place="teamIds" />
        </fieldset>
        {errors.form?.length ? (
          <p class="problem full" role="alert">
            {errors.form.join('; ')}
          </p>
        ) : null}
        <div class="full buttons">
          <button type="submit" disabled={busy}>
            {current ? t('studio.editor.saveVersion') : t('studio.editor.create')}
          </button>
          <span role="status" class="hint">
            {saved ? t('studio.editor.saved', { version: saved }) : ''}
          </span>
        </div>
      </form>
      <PreviewPanel draft={draft} others={others} ranking={ranking} tierRules={tierRules} />
    </>
  );
}
