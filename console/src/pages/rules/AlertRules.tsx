import { useEffect, useState } from 'preact/hooks';
import type { AlertRule } from '../../../../lib/schema/alerts';
import { api, errorMessage } from '../../api/client';
import { t } from '../../i18n';
import './alerts-synonyms.css';
import { teams } from '../../state/session';
import { AlertRuleForm } from './AlertRuleForm';

/** "below 80 over 30 days", "falls by more than 5% over 90 days": the rule in one line, in the console's language. */
function conditionText(rule: AlertRule): string {
  const { condition } = rule;
  const amount = condition.kind === 'threshold' ? condition.value : condition.percent;
  return t(`rules.alerts.summary.${condition.kind}.${condition.direction}`, { amount, days: rule.windowDays });
}

function scopeText(rule: AlertRule): string {
  const { scope } = rule;
  if (scope.type === 'org') return t(scope.eachTeam ? 'rules.alerts.scope.eachTeam' : 'rules.alerts.scope.org');
  const team = scope.type === 'team' ? teams.value.find((candidate) => candidate.id === scope.id) : undefined;
  return `${t(`rules.alerts.scope.${scope.type}`)}: ${team?.name ?? scope.id}`;
}

type Editing = { mode: 'new' } | { mode: 'edit'; rule: AlertRule } | undefined;

/**
 * The organisation's alert rules (docs/leads.md): what the dashboard's alerts fire on. Listed with switches to
 * turn each on and off, an editor for one rule at a time, and a delete that asks once more.
 */
export default function AlertRules() {
  const [rules, setRules] = useState<AlertRule[]>();
  const [loadError, setLoadError] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [confirming, setConfirming] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'done' | 'failed'; text: string }>();

  async function load() {
    const { data, error, response } = await api.GET('/api/v1/alert-rules');
    if (!data) return setLoadError(errorMessage(error, response.status));
    setRules(data.rules);
  }
  useEffect(() => {
    void load();
  }, []);

  if (loadError)
    return (
      <p class="rules-error" role="alert">
        {t('rules.loadFailed', { message: loadError })}
      </p>
    );
  if (!rules) return <p role="status">{t('rules.loading')}</p>;

  async function toggle(rule: AlertRule, enabled: boolean) {
    const { data, error, response } = await api.PATCH('/api/v1/alert-rules/{id}', {
      params: { path: { id: rule.id } },
      body: { enabled },
    });
    if (!data)
      return setNotice({ kind: 'failed', text: t('rules.failed', { message: errorMessage(error, response.status) }) });
    setRules((list) => list?.map((r) => (r.id === data.id ? data : r)));
    setNotice({
      kind: 'done',
      text: t(enabled ? 'rules.alerts.enabledNotice' : 'rules.alerts.disabledNotice', { name: rule.name }),
    });
  }

  async function remove(rule: AlertRule) {
    setConfirming(undefined);
    const { error, response } = await api.DELETE('/api/v1/alert-rules/{id}', { params: { path: { id: rule.id } } });
    // Already gone (a colleague deleted it) is what the admin wanted too.
    if (!response.ok && response.status !== 404)
      return setNotice({ kind: 'failed', text: t('rules.failed', { message: errorMessage(error, response.status) }) });
    setRules((list) => list?.filter((r) => r.id !== rule.id));
    setNotice({ kind: 'done', text: t('rules.alerts.deletedNotice', { name: rule.name }) });
  }

  /** Closing the form hands the keyboard back to where it was opened from (the form's button is gone). */
  function close() {
    setEditing(undefined);
    requestAnimationFrame(() => document.getElementById('alert-rule-new')?.focus());
  }

  function saved(rule: AlertRule) {
    const isNew = editing?.mode === 'new';
    close();
    setNotice({
      kind: 'done',
      text: t(isNew ? 'rules.alerts.createdNotice' : 'rules.alerts.savedNotice', { name: rule.name }),
    });
    void load();
  }

  return (
    <div class="rules-alerts">
      <section class="rules-form panel" aria-labelledby="alerts-title">
        <h2 id="alerts-title">{t('rules.alerts.title')}</h2>
        <p class="hint">{t('rules.alerts.hint', { max: 200 })}</p>
        <div role="status" aria-live="polite" class={notice?.kind === 'failed' ? 'rules-error' : undefined}>
          {notice?.text}
        </div>
        {rules.length === 0 ? (
          <p>{t('rules.alerts.none')}</p>
        ) : (
          <table class="rules-alert-table" aria-labelledby="alerts-title">
            <thead>
              <tr>
                <th scope="col">{t('rules.alerts.name')}</th>
                <th scope="col">{t('rules.alerts.metric')}</th>
                <th scope="col">{t('rules.alerts.condition')}</th>
                <th scope="col">{t('rules.alerts.scope')}</th>
                <th scope="col">{t('rules.alerts.level')}</th>
                <th scope="col">{t('rules.alerts.enabled')}</th>
                <th scope="col">{t('rules.alerts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id} data-alert-rule={rule.id}>
                  <th scope="row">{rule.name}</th>
                  <td>
                    {t(`alertMetric.${rule.metric}`)}
                    {rule.slaMetric && ` (${t(`rules.metric.${rule.slaMetric}`)})`}
                  </td>
                  <td>{conditionText(rule)}</td>
                  <td>{scopeText(rule)}</td>
                  <td>
                    <span class={`rules-level rules-level-${rule.level}`}>{t(`rules.alerts.level.${rule.level}`)}</span>
                  </td>
                  <td>
                    <label class="rules-check">
                      <input
                        type="checkbox"
                        checked={rule.enabled}
                        aria-label={t('rules.alerts.enableNamed', { name: rule.name })}
                        onChange={(e) => void toggle(rule, e.currentTarget.checked)}
                      />
                    </label>
                  </td>
                  <td>
                    <div class="rules-row">
                      <button type="button" onClick={() => setEditing({ mode: 'edit', rule })}>
                        {t('rules.alerts.editNamed', { name: rule.name })}
                      </button>
                      {confirming === rule.id ? (
                        <>
                          <button type="button" class="button" onClick={() => void remove(rule)}>
                            {t('rules.alerts.confirmDelete', { name: rule.name })}
                          </button>
                          <button type="button" onClick={() => setConfirming(undefined)}>
                            {t('rules.alerts.cancel')}
                          </button>
                        </>
                      ) : (
                        <button type="button" onClick={() => setConfirming(rule.id)}>
                          {t('rules.alerts.deleteNamed', { name: rule.name })}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!editing && (
          <button type="button" id="alert-rule-new" class="button" onClick={() => setEditing({ mode: 'new' })}>
            {t('rules.alerts.new')}
          </button>
        )}
      </section>
      {editing && (
        <AlertRuleForm
          key={editing.mode === 'edit' ? editing.rule.id : 'new'}
          {...(editing.mode === 'edit' ? { rule: editing.rule } : {})}
          onSaved={saved}
          onCancel={close}
        />
      )}
    </div>
  );
}
