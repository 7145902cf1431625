import { t } from '../i18n';
import { loadAlerts } from '../pages/alerts.data';
import { useFilters } from '../state/filters';
import { alertTick } from '../state/live';
import { useLoad } from '../state/useLoad';

/** Open alerts for the team in view, on the dashboard: a link to them, nothing when there are none. */
export function AlertsBadge() {
  const filters = useFilters();
  const loaded = useLoad(JSON.stringify([filters.teamId, alertTick.value]), () =>
    loadAlerts({ status: 'open', ...(filters.teamId ? { teamId: filters.teamId } : {}) }),
  );
  const page = loaded.data;
  if (!page || page.alerts.length === 0) return null;
  const worst = page.alerts.some((a) => a.level === 'red')
    ? 'red'
    : page.alerts.some((a) => a.level === 'orange')
      ? 'orange'
      : 'yellow';
  const count = page.next ? `${page.alerts.length}+` : String(page.alerts.length);
  return (
    <a class={`alerts-badge level level-${worst}`} href={filters.href('/alerts')} data-alerts={page.alerts.length}>
      {t('dashboard.alertsBadge', { count })}
    </a>
  );
}
