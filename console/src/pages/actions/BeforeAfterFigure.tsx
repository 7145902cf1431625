import { useEffect, useState } from 'preact/hooks';
import { date, NLabel, signed } from '../../figures';
import { t } from '../../i18n';
import { type BeforeAfter, loadBeforeAfter } from '../actions.data';
import { metricValue } from '../alerts.data';

/** The action's metric before its date and the same length after (server-computed), each with n. */
export function BeforeAfterFigure({ id, version }: { id: string; version: string }) {
  const [figure, setFigure] = useState<BeforeAfter | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    loadBeforeAfter(id).then(
      (answer) => {
        if (!stale) setFigure(answer);
      },
      (error: Error) => {
        if (!stale) setFailed(error.message);
      },
    );
    return () => {
      stale = true;
    };
  }, [id, version]);
  if (failed) return <p class="problem">{t('common.error', { message: failed })}</p>;
  if (!figure) return <p class="loading">{t('common.loading')}</p>;
  if (!figure.pivot || !figure.before || !figure.after) return <p>{t('actions.noPivot')}</p>;
  const side = (key: 'before' | 'after', label: string) => {
    const window = figure[key];
    if (!window) return null;
    return (
      <div class="stat" data-side={key} data-value={window.figure.value ?? ''} data-n={window.figure.n}>
        <h4 class="stat-label">{label}</h4>
        <p class="stat-value">{metricValue(figure.metric, window.figure.value)}</p>
        <NLabel n={window.figure.n} />
        <p class="hint">{t('actions.window', { from: date(window.from), to: date(window.to) })}</p>
      </div>
    );
  };
  return (
    <div class="before-after" data-before-after={id}>
      <div class="stats">
        {side('before', t('actions.before'))}
        {side('after', t('actions.after'))}
        <div class="stat" data-side="change" data-value={figure.change ?? ''}>
          <h4 class="stat-label">{t('actions.change')}</h4>
          <p class="stat-value">{signed(figure.change)}</p>
        </div>
      </div>
      {!figure.afterComplete && <p class="hint">{t('actions.provisional')}</p>}
      {figure.sameCustomers && figure.sameCustomers.customers > 0 && (
        <p class="hint">
          {t('actions.sameCustomers', {
            n: figure.sameCustomers.customers,
            before: metricValue(figure.metric, figure.sameCustomers.before.value),
            after: metricValue(figure.metric, figure.sameCustomers.after.value),
          })}
        </p>
      )}
    </div>
  );
}
