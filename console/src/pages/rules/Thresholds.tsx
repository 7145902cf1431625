import { useEffect, useState } from 'preact/hooks';
import { QualitySettings } from '../../../../lib/schema/quality';
import { api, errorMessage } from '../../api/client';
import { t } from '../../i18n';
import { quality } from '../../state/quality';
import { Field } from './Field';
import { changedPaths, mergeThreeWay } from './merge';
import { type FieldIssues, zodIssues } from './useRuleSet';

type Thresholds = QualitySettings;
const FIELDS = [
  ['bands.greenAtLeast', 'rules.thresholds.green'],
  ['bands.yellowPoints', 'rules.thresholds.yellow'],
  ['actionDueHours', 'rules.thresholds.due'],
  ['smallSampleBelow', 'rules.thresholds.small'],
] as const;

const read = (value: Thresholds, path: string) =>
  path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], value) as number;
function write(value: Thresholds, path: string, next: number): Thresholds {
  const copy = structuredClone(value);
  if (path === 'bands.greenAtLeast') copy.bands.greenAtLeast = next;
  else if (path === 'bands.yellowPoints') copy.bands.yellowPoints = next;
  else if (path === 'actionDueHours') copy.actionDueHours = next;
  else copy.smallSampleBelow = next;
  return copy;
}

/**
 * The alert and ranking thresholds (quality settings). The API patches fields and keeps no version, so a save
 * sends only the fields this admin changed, after checking that nobody changed those same fields meanwhile.
 */
export function Thresholds() {
  const [base, setBase] = useState<Thresholds>();
  const [draft, setDraft] = useState<Thresholds>();
  const [issues, setIssues] = useState<FieldIssues>({});
  const [outcome, setOutcome] = useState<{ state: 'saved' } | { state: 'failed' | 'conflict'; message: string }>();

  useEffect(() => {
    void api.GET('/api/v1/quality-settings').then(({ data }) => {
      if (data) {
        setBase(data);
        setDraft(data);
      }
    });
  }, []);
  if (!base || !draft) return null;

  async function save() {
    if (!base || !draft) return;
    setOutcome(undefined);
    const parsed = QualitySettings.safeParse(draft);
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    setIssues({});
    const mine = changedPaths(base, draft);
    const current = await api.GET('/api/v1/quality-settings');
    if (!current.data)
      return setOutcome({ state: 'failed', message: errorMessage(current.error, current.response.status) });
    const theirs = changedPaths(base, current.data).filter((path) =>
      mine.some((m) => path.startsWith(m.split('.')[0] as string)),
    );
    if (theirs.length) {
      // Someone changed the same fields: show their values, keep this admin's values to save again on purpose,
      // and take theirs for the fields only they changed.
      setDraft(mergeThreeWay(base, draft, current.data).value as Thresholds);
      setBase(current.data);
      return setOutcome({
        state: 'conflict',
        message: theirs.map((path) => `${path} = ${read(current.data as Thresholds, path)}`).join(', '),
      });
    }
    const patch = Object.fromEntries(
      [...new Set(mine.map((path) => path.split('.')[0] as keyof Thresholds))].map((key) => [key, parsed.data[key]]),
    );
    const { data, error, response } = await api.PATCH('/api/v1/quality-settings', { body: patch });
    if (!data) {
      const list = (error as { error?: { issues?: { path: string; message: string }[] } } | undefined)?.error?.issues;
      if (list?.length) setIssues(Object.fromEntries(list.map((i) => [i.path.replace(/^body\.?/, ''), i.message])));
      return setOutcome({ state: 'failed', message: errorMessage(error, response.status) });
    }
    setBase(data);
    setDraft(data);
    quality.value = data;
    setOutcome({ state: 'saved' });
  }

  return (
    <form class="rules-form panel" aria-labelledby="thresholds-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="thresholds-title">{t('rules.thresholds.title')}</h2>
      {FIELDS.map(([path, key]) => (
        <Field key={path} path={path} label={t(key)} issues={issues}>
          {(attrs) => (
            <input
              {...attrs}
              type="number"
              value={Number.isNaN(read(draft, path)) ? '' : read(draft, path)}
              onInput={(e) => setDraft(write(draft, path, e.currentTarget.valueAsNumber))}
            />
          )}
        </Field>
      ))}
      <button type="button" class="button" onClick={() => void save()}>
        {t('rules.save', { name: t('rules.thresholds.title') })}
      </button>
      <div role="status" aria-live="polite">
        {outcome?.state === 'saved' && t('rules.saved')}
      </div>
      {outcome?.state === 'failed' && (
        <p class="rules-error" role="alert">
          {t('rules.failed', { message: outcome.message })}
        </p>
      )}
      {outcome?.state === 'conflict' && (
        <p class="rules-conflict" role="alert">
          {t('rules.thresholds.conflict', { fields: outcome.message })}
        </p>
      )}
    </form>
  );
}
