import { t } from '../i18n';
import { AlertsBadge } from '../shell/AlertsBadge';
import { LoadState } from '../shell/LoadState';
import { statsScope, useFilters } from '../state/filters';
import { liveTick } from '../state/live';
import { viewerTimeZone } from '../state/period';
import { me, teams } from '../state/session';
import { useLoad } from '../state/useLoad';
import { ComplaintsSection } from './dashboard/Complaints';
import { DimensionsSection } from './dashboard/Dimensions';
import { RankingSection } from './dashboard/Ranking';
import { SatisfactionSection } from './dashboard/Satisfaction';
import { ServiceSection } from './dashboard/Service';
import { exportUrl, loadDashboard } from './dashboard.data';

/** The leads' dashboard: every figure for the filters in the URL, refreshed live. */
export default function Dashboard() {
  const filters = useFilters();
  const scope = statsScope(filters, viewerTimeZone());
  const days = filters.range?.days ?? 30;
  const loaded = useLoad(JSON.stringify([scope, liveTick.value]), () =>
    scope ? loadDashboard(scope, days) : Promise.reject(new Error(t('filters.badRange'))),
  );
  const data = loaded.data;
  // Ranking teams needs more than one team to compare.
  const showTeams = !filters.teamId && !filters.agentId && me.value?.user.role !== 'agent' && teams.value.length > 1;
  return (
    <section aria-labelledby="page-title" class="dashboard" data-loaded={loaded.state}>
      <div class="page-head">
        <h1 id="page-title">{t('dashboard.title')}</h1>
        {me.value?.user.role !== 'agent' && <AlertsBadge />}
        {scope && (
          <nav class="exports" aria-label={t('dashboard.export')}>
            <a class="button" href={exportUrl('satisfaction', scope, 'agent')} download data-export="satisfaction">
              {t('dashboard.export.satisfaction')}
            </a>
            <a class="button" href={exportUrl('service', scope, 'metric')} download data-export="service">
              {t('dashboard.export.service')}
            </a>
          </nav>
        )}
      </div>
      {(!data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {data && (
        <div class="grid">
          <SatisfactionSection total={data.total} trend={data.trend} />
          <DimensionsSection total={data.total} />
          <ServiceSection total={data.service} metrics={data.metrics} />
          <ComplaintsSection total={data.total} />
          {showTeams && (
            <RankingSection
              id="teams"
              title={t('dashboard.ranking.teams')}
              entries={data.ranking.teams}
              bands={data.ranking.bands}
              linkFor={(team) => filters.href('/', { team, agent: undefined })}
            />
          )}
          <RankingSection
            id="agents"
            title={t('dashboard.ranking.agents')}
            entries={data.ranking.agents}
            bands={data.ranking.bands}
            linkFor={(agent) => filters.href('/tickets', { agent })}
          />
        </div>
      )}
    </section>
  );
}
