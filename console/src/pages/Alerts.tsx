import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client';
import { dateTime, NLabel } from '../figures';
import { t } from '../i18n';
import { LoadState } from '../shell/LoadState';
import { useFilters } from '../state/filters';
import { alertTick } from '../state/live';
import { useLoad } from '../state/useLoad';
import { loadAlerts, metricName, metricValue, teamName } from './alerts.data';

type StatusChoice = 'open' | 'acknowledged' | 'all';

/** Fired alerts of the teams in view, worst first to read; each names its figure with n and opens its action. */
export default function Alerts() {
  const filters = useFilters();
  const [status, setStatus] = useState<StatusChoice>('open');
  const [problem, setProblem] = useState<string | null>(null);
  const loaded = useLoad(JSON.stringify([filters.teamId, status, alertTick.value]), () =>
    loadAlerts({
      ...(status === 'all' ? {} : { status }),
      ...(filters.teamId ? { teamId: filters.teamId } : {}),
    }),
  );

  async function acknowledge(id: string) {
    const { error, response } = await api.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id } } });
    setProblem(response.ok ? null : errorMessage(error, response.status));
    alertTick.value++;
  }

  const alerts = loaded.data?.alerts ?? [];
  return (
    <section aria-labelledby="page-title" data-loaded={loaded.state}>
      <h1 id="page-title">{t('alerts.title')}</h1>
      <label>
        {t('alerts.status')}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusChoice)}>
          {(['open', 'acknowledged', 'all'] as const).map((choice) => (
            <option key={choice} value={choice}>
              {t(`alerts.status.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && alerts.length === 0 && <p>{t('alerts.empty')}</p>}
      {alerts.length > 0 && (
        <table class="list" data-list="alerts">
          <thead>
            <tr>
              <th scope="col">{t('alerts.level')}</th>
              <th scope="col">{t('alerts.rule')}</th>
              <th scope="col">{t('alerts.figure')}</th>
              <th scope="col">{t('alerts.scope')}</th>
              <th scope="col">{t('alerts.firedAt')}</th>
              <th scope="col">{t('alerts.action')}</th>
              <th scope="col">{t('alerts.status')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((alert) => (
              <tr key={alert.id} data-row={alert.id} data-level={alert.level}>
                <td>
                  <span class={`level level-${alert.level}`}>{t(`alerts.level.${alert.level}`)}</span>
                </td>
                <th scope="row">{alert.ruleName}</th>
                <td title={alert.message}>
                  {metricName(alert.metric)} {metricValue(alert.metric, alert.current.value)}{' '}
                  <NLabel n={alert.current.n} />
                  {alert.previous && (
                    <> ({t('alerts.previous', { value: metricValue(alert.metric, alert.previous.value) })})</>
                  )}
                </td>
                <td>{teamName(alert.teamId)}</td>
                <td>{dateTime(alert.firedAt)}</td>
                <td>
                  {alert.actionId ? (
                    <a href={`${filters.href('/actions')}#action-${alert.actionId}`}>{t('alerts.openAction')}</a>
                  ) : (
                    t('alerts.noAction')
                  )}
                </td>
                <td>
                  {alert.status === 'open' ? (
                    <button type="button" onClick={() => void acknowledge(alert.id)}>
                      {t('alerts.acknowledge')}
                    </button>
                  ) : (
                    t('alerts.status.acknowledged')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
