import { useEffect, useState } from 'preact/hooks';
import { AlertLevel, AlertMetric, type AlertRule, AlertRuleInput } from '../../../../lib/schema/alerts';
import { SlaMetric } from '../../../../lib/schema/sla';
import { api, errorMessage } from '../../api/client';
import { t } from '../../i18n';
import { teams } from '../../state/session';
import { allUsers, type User } from '../people/lists';
import { type AlertDraft, amountPath, changedFields, draftOf, inputOf, newAlertDraft } from './alertDraft';
import { Field, fieldId } from './Field';
import { type FieldIssues, zodIssues } from './useRuleSet';

type Outcome = { state: 'saving' } | { state: 'tooMany' } | { state: 'failed'; message: string } | undefined;
type ErrorBody = { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } };

const PERCENT_METRICS: readonly string[] = ['csat', 'complaint_rate', 'sla_attainment'];
const TIER_METRICS: readonly string[] = ['csat', 'nps', 'complaint_rate'];

function issuesOf(list: { path: string; message: string }[]): FieldIssues {
  const issues: FieldIssues = {};
  for (const issue of list) issues[issue.path === '(body)' ? '' : issue.path] ??= issue.message;
  return issues;
}

/**
 * Create or edit one alert rule. The shared schema checks the rule before anything is sent; what only the server
 * knows (a team or agent that does not exist, the organisation's 200-rule limit) comes back next to its field or
 * explained. An edit sends only the fields this admin changed.
 */
export function AlertRuleForm(props: { rule?: AlertRule; onSaved: (rule: AlertRule) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<AlertDraft>(() => (props.rule ? draftOf(props.rule) : newAlertDraft()));
  const [issues, setIssues] = useState<FieldIssues>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [users, setUsers] = useState<User[]>();
  const title = props.rule ? t('rules.alerts.editTitle', { name: props.rule.name }) : t('rules.alerts.newTitle');

  // The form opens below the list: take the keyboard there, to its first field.
  useEffect(() => {
    document.getElementById(fieldId('name'))?.focus();
  }, []);

  useEffect(() => {
    if (draft.scopeType !== 'agent' || users) return;
    allUsers().then(setUsers, () => setUsers([]));
  }, [draft.scopeType]);

  function change<K extends keyof AlertDraft>(key: K, value: AlertDraft[K]) {
    setDraft({ ...draft, [key]: value });
  }

  async function save() {
    const input = inputOf(draft);
    const parsed = AlertRuleInput.safeParse(input);
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    setIssues({});
    setOutcome({ state: 'saving' });
    const answer = props.rule
      ? await api.PATCH('/api/v1/alert-rules/{id}', {
          params: { path: { id: props.rule.id } },
          body: changedFields(props.rule, input),
        })
      : await api.POST('/api/v1/alert-rules', { body: parsed.data });
    if (answer.data) {
      setOutcome(undefined);
      return props.onSaved(answer.data);
    }
    const body = answer.error as ErrorBody | undefined;
    if (answer.response.status === 409 && body?.error?.code === 'too_many_alert_rules')
      return setOutcome({ state: 'tooMany' });
    if (body?.error?.issues?.length) setIssues(issuesOf(body.error.issues));
    setOutcome({ state: 'failed', message: errorMessage(answer.error, answer.response.status) });
  }

  const count = Object.keys(issues).length;
  const isPercent = draft.conditionKind === 'change' || PERCENT_METRICS.includes(draft.metric);
  return (
    <form
      class="rules-form panel rules-alert-form"
      aria-labelledby="alert-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="alert-form-title">{title}</h2>
      <Field path="name" label={t('rules.alerts.name')} issues={issues}>
        {(attrs) => (
          <input
            {...attrs}
            class="rules-wide"
            value={draft.name}
            onInput={(e) => change('name', e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="rules-grid">
        <Field path="metric" label={t('rules.alerts.metric')} issues={issues}>
          {(attrs) => (
            <select
              {...attrs}
              value={draft.metric}
              onChange={(e) => change('metric', e.currentTarget.value as AlertMetric)}
            >
              {AlertMetric.options.map((metric) => (
                <option key={metric} value={metric}>
                  {t(`alertMetric.${metric}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(draft.metric === 'sla_attainment' || draft.slaMetric !== '') && (
          <Field path="slaMetric" label={t('rules.alerts.slaMetric')} issues={issues}>
            {(attrs) => (
              <select
                {...attrs}
                value={draft.slaMetric}
                onChange={(e) => change('slaMetric', e.currentTarget.value as AlertDraft['slaMetric'])}
              >
                <option value="">{t('rules.alerts.slaMetric.all')}</option>
                {SlaMetric.options.map((metric) => (
                  <option key={metric} value={metric}>
                    {t(`rules.metric.${metric}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field path="level" label={t('rules.alerts.level')} issues={issues}>
          {(attrs) => (
            <select
              {...attrs}
              value={draft.level}
              onChange={(e) => change('level', e.currentTarget.value as AlertLevel)}
            >
              {AlertLevel.options.map((level) => (
                <option key={level} value={level}>
                  {t(`rules.alerts.level.${level}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>{t('rules.alerts.condition')}</legend>
        <div class="rules-grid">
          <Field path="condition.kind" label={t('rules.alerts.conditionKind')} issues={issues}>
            {(attrs) => (
              <select
                {...attrs}
                value={draft.conditionKind}
                onChange={(e) => change('conditionKind', e.currentTarget.value as AlertDraft['conditionKind'])}
              >
                <option value="threshold">{t('rules.alerts.kind.threshold')}</option>
                <option value="change">{t('rules.alerts.kind.change')}</option>
              </select>
            )}
          </Field>
          <Field path="condition.direction" label={t('rules.alerts.direction')} issues={issues}>
            {(attrs) => (
              <select
                {...attrs}
                value={draft.direction}
                onChange={(e) => change('direction', e.currentTarget.value as AlertDraft['direction'])}
              >
                <option value="below">{t(`rules.alerts.direction.${draft.conditionKind}.below`)}</option>
                <option value="above">{t(`rules.alerts.direction.${draft.conditionKind}.above`)}</option>
              </select>
            )}
          </Field>
          <Field
            path={amountPath(draft)}
            label={
              draft.conditionKind === 'change'
                ? t('rules.alerts.percent')
                : isPercent
                  ? t('rules.alerts.valuePercent')
                  : draft.metric === 'nps'
                    ? t('rules.alerts.valueNps')
                    : t('rules.alerts.valueMinutes')
            }
            issues={issues}
          >
            {(attrs) => (
              <input
                {...attrs}
                type="number"
                step="any"
                value={Number.isNaN(draft.amount) ? '' : draft.amount}
                onInput={(e) => change('amount', e.currentTarget.valueAsNumber)}
              />
            )}
          </Field>
          <Field path="windowDays" label={t('rules.alerts.windowDays')} issues={issues}>
            {(attrs) => (
              <input
                {...attrs}
                type="number"
                value={Number.isNaN(draft.windowDays) ? '' : draft.windowDays}
                onInput={(e) => change('windowDays', e.currentTarget.valueAsNumber)}
              />
            )}
          </Field>
          <Field path="minimumN" label={t('rules.alerts.minimumN')} issues={issues}>
            {(attrs) => (
              <input
                {...attrs}
                type="number"
                value={Number.isNaN(draft.minimumN) ? '' : draft.minimumN}
                onInput={(e) => change('minimumN', e.currentTarget.valueAsNumber)}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('rules.alerts.scope')}</legend>
        <div class="rules-grid">
          <Field path="scope.type" label={t('rules.alerts.scopeType')} issues={issues}>
            {(attrs) => (
              <select
                {...attrs}
                value={draft.scopeType}
                onChange={(e) => {
                  const scopeType = e.currentTarget.value as AlertDraft['scopeType'];
                  setDraft({ ...draft, scopeType, scopeId: '', eachTeam: scopeType === 'org' && draft.eachTeam });
                }}
              >
                {(['org', 'team', 'agent', 'tier'] as const).map((type) => (
                  <option key={type} value={type} disabled={type === 'tier' && !TIER_METRICS.includes(draft.metric)}>
                    {t(`rules.alerts.scope.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.scopeType !== 'org' && (
            <Field path="scope.id" label={t(`rules.alerts.scopeId.${draft.scopeType}`)} issues={issues}>
              {(attrs) =>
                draft.scopeType === 'tier' ? (
                  <input {...attrs} value={draft.scopeId} onInput={(e) => change('scopeId', e.currentTarget.value)} />
                ) : (
                  <select {...attrs} value={draft.scopeId} onChange={(e) => change('scopeId', e.currentTarget.value)}>
                    <option value="">{t('rules.alerts.pick')}</option>
                    {draft.scopeType === 'team'
                      ? teams.value.map((team) => (
                          <option key={team.id} value={team.id}>
                            {team.name}
                          </option>
                        ))
                      : (users ?? []).map((user) => (
                          <option key={user.id} value={user.id}>
                            {user.name} ({user.email})
                          </option>
                        ))}
                  </select>
                )
              }
            </Field>
          )}
        </div>
        {draft.scopeType === 'org' && (
          <label class="rules-check">
            <input
              type="checkbox"
              checked={draft.eachTeam}
              onChange={(e) => change('eachTeam', e.currentTarget.checked)}
            />
            {t('rules.alerts.eachTeam')}
          </label>
        )}
        {issues['scope.eachTeam'] && <span class="rules-field-error">{issues['scope.eachTeam']}</span>}
      </fieldset>
      <label class="rules-check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => change('enabled', e.currentTarget.checked)} />
        {t('rules.alerts.enabledLabel')}
      </label>
      <div class="rules-row">
        <button type="submit" class="button" disabled={outcome?.state === 'saving'}>
          {outcome?.state === 'saving'
            ? t('rules.saving')
            : props.rule
              ? t('rules.alerts.saveEdit')
              : t('rules.alerts.create')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('rules.alerts.cancel')}
        </button>
      </div>
      {count > 0 && (
        <p class="rules-error" role="alert">
          {t('rules.invalid', { count })}
          {issues[''] && ` ${issues['']}`}
        </p>
      )}
      {outcome?.state === 'tooMany' && (
        <p class="rules-error" role="alert">
          {t('rules.alerts.tooMany')}
        </p>
      )}
      {outcome?.state === 'failed' && count === 0 && (
        <p class="rules-error" role="alert">
          {t('rules.failed', { message: outcome.message })}
        </p>
      )}
    </form>
  );
}
