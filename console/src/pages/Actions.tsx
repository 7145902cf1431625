import { useState } from 'preact/hooks';
import { date, dateTime } from '../figures';
import { type MessageKey, t } from '../i18n';
import { LoadState } from '../shell/LoadState';
import { useFilters } from '../state/filters';
import { alertTick } from '../state/live';
import { useLoad } from '../state/useLoad';
import { ActionForm } from './actions/ActionForm';
import { BeforeAfterFigure } from './actions/BeforeAfterFigure';
import { type Action, loadActions } from './actions.data';
import { metricName, teamName } from './alerts.data';

/**
 * The improvement actions tracker: problem → measurable action → one owner → planned and actual dates → status and
 * evidence → the before / after figure. Overdue actions come first and say so in words, not only in colour.
 */
export default function Actions() {
  const filters = useFilters();
  const [editing, setEditing] = useState<string | null>(null);
  const loaded = useLoad(JSON.stringify([filters.teamId, alertTick.value]), () => loadActions(filters.teamId));
  const actions = [...(loaded.data?.actions ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt),
  );
  return (
    <section aria-labelledby="page-title" data-loaded={loaded.state}>
      <h1 id="page-title">{t('actions.title')}</h1>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && actions.length === 0 && <p>{t('actions.empty')}</p>}
      <ul class="actions">
        {actions.map((action) => (
          <li key={action.id}>
            <ActionCard
              action={action}
              editing={editing === action.id}
              onEdit={(on) => setEditing(on ? action.id : null)}
              onSaved={() => {
                setEditing(null);
                alertTick.value++;
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActionCard({
  action,
  editing,
  onEdit,
  onSaved,
}: {
  action: Action;
  editing: boolean;
  onEdit: (on: boolean) => void;
  onSaved: () => void;
}) {
  const titleId = `action-${action.id}-title`;
  const problem = action.problem.dimension
    ? `${metricName(action.problem.metric)} · ${t(`dimension.${action.problem.dimension}` as MessageKey)}`
    : metricName(action.problem.metric);
  return (
    <article
      id={`action-${action.id}`}
      class={action.overdue ? 'panel action is-overdue' : 'panel action'}
      aria-labelledby={titleId}
      data-action={action.id}
      data-status={action.status}
      data-overdue={String(action.overdue)}
    >
      <h2 id={titleId}>
        {action.action}
        {action.overdue && <span class="status overdue">{t('actions.overdue')}</span>}
      </h2>
      <dl>
        <dt>{t('actions.problem')}</dt>
        <dd>
          {problem} — {action.problem.description}
          {action.alertId && <span class="hint"> ({t('actions.opened')})</span>}
        </dd>
        <dt>{t('actions.team')}</dt>
        <dd>{teamName(action.teamId)}</dd>
        <dt>{t('actions.owner')}</dt>
        <dd>{action.owner?.name ?? '—'}</dd>
        <dt>{t('actions.status')}</dt>
        <dd data-field="status">
          <span class={`status status-${action.status}`}>{t(`actions.status.${action.status}`)}</span>{' '}
          <span class={action.overdue ? 'overdue-text' : 'hint'}>
            {t('actions.due', { date: dateTime(action.dueAt) })}
          </span>
        </dd>
        <dt>{t('actions.planned')}</dt>
        <dd>{action.plannedDate ? date(action.plannedDate) : '—'}</dd>
        <dt>{t('actions.actual')}</dt>
        <dd>{action.actualDate ? date(action.actualDate) : '—'}</dd>
        <dt>{t('actions.evidence')}</dt>
        <dd data-field="evidence">
          {action.evidence.text || '—'}
          {action.evidence.links.length > 0 && (
            <ul>
              {action.evidence.links.map((link) => (
                <li key={link}>
                  <a href={link} rel="noopener noreferrer" target="_blank">
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h3>{t('actions.beforeAfter')}</h3>
      <BeforeAfterFigure id={action.id} version={action.updatedAt} />
      {editing ? (
        <ActionForm action={action} onDone={(saved) => (saved ? onSaved() : onEdit(false))} />
      ) : (
        <button type="button" onClick={() => onEdit(true)}>
          {t('actions.edit', { action: action.action })}
        </button>
      )}
    </article>
  );
}
