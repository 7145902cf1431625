import { useEffect, useState } from 'preact/hooks';
import { api, data } from '../api/client';
import { t } from '../i18n';
import type { Satisfaction } from '../pages/dashboard.data';
import { statsScope, useFilters } from '../state/filters';
import { PERIODS, type Period, viewerTimeZone } from '../state/period';
import { teams } from '../state/session';

interface Choice {
  key: string;
  label: string;
}

/** Agents and tiers that have scores in the period (and team): the only ones worth filtering by. */
function useChoices(groupBy: 'agent' | 'tier', scope: ReturnType<typeof statsScope>, wanted: boolean): Choice[] {
  const [choices, setChoices] = useState<Choice[]>([]);
  const key = JSON.stringify([groupBy, scope?.from, scope?.to, scope?.teamId, wanted]);
  useEffect(() => {
    if (!scope || !wanted) return;
    let stale = false;
    const { agentId: _agent, tierId: _tier, ...wider } = scope;
    // JSON is asked for (format defaults to json); the route's type also allows its CSV form.
    const answer = data(
      api.GET('/api/v1/stats/satisfaction', { params: { query: { ...wider, groupBy } } }),
    ) as Promise<Satisfaction>;
    answer.then(
      (stats) => {
        if (!stale) setChoices(stats.groups.map((g) => ({ key: g.key, label: g.label })));
      },
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [key]);
  return choices;
}

export function FilterBar() {
  const filters = useFilters();
  const zone = viewerTimeZone();
  const scope = statsScope(filters, zone);
  // The lists cost two stats queries: asked for when someone reaches for a list (or a link already set one), not
  // on every page load, so the dashboard's own figures come first.
  const [wanted, setWanted] = useState(false);
  const want = () => setWanted(true);
  const agents = useChoices('agent', scope, wanted || Boolean(filters.agentId));
  const tiers = useChoices('tier', scope, wanted || Boolean(filters.tierId));
  const [from, setFrom] = useState(filters.from ?? filters.range?.firstDay ?? '');
  const [to, setTo] = useState(filters.to ?? filters.range?.lastDay ?? '');
  useEffect(() => {
    setFrom(filters.from ?? filters.range?.firstDay ?? '');
    setTo(filters.to ?? filters.range?.lastDay ?? '');
  }, [filters.from, filters.to, filters.period]);

  const choosePeriod = (period: Period) =>
    period === 'custom'
      ? filters.set({ period, from: filters.range?.firstDay, to: filters.range?.lastDay })
      : filters.set({ period });

  return (
    <form
      class="filters"
      aria-label={t('filters.label')}
      onSubmit={(event) => {
        event.preventDefault();
        filters.set({ period: 'custom', from, to });
      }}
    >
      <label>
        {t('filters.period')}
        <select name="period" value={filters.period} onChange={(e) => choosePeriod(e.currentTarget.value as Period)}>
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`filters.period.${period}`)}
            </option>
          ))}
        </select>
      </label>
      {filters.period === 'custom' && (
        <>
          <label>
            {t('filters.from')}
            <input type="date" name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} required />
          </label>
          <label>
            {t('filters.to')}
            <input type="date" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} required />
          </label>
          <button type="submit">{t('filters.apply')}</button>
        </>
      )}
      <label>
        {t('filters.team')}
        <select
          name="team"
          value={filters.teamId ?? ''}
          onChange={(e) => filters.set({ team: e.currentTarget.value || undefined, agent: undefined })}
        >
          <option value="">{t('filters.team.all')}</option>
          {teams.value.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.agent')}
        <select
          name="agent"
          onFocus={want}
          onPointerEnter={want}
          value={filters.agentId ?? ''}
          onChange={(e) => filters.set({ agent: e.currentTarget.value || undefined })}
        >
          <option value="">{t('filters.agent.all')}</option>
          {withCurrent(agents, filters.agentId).map((agent) => (
            <option key={agent.key} value={agent.key}>
              {agent.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.tier')}
        <select
          name="tier"
          onFocus={want}
          onPointerEnter={want}
          value={filters.tierId ?? ''}
          onChange={(e) => filters.set({ tier: e.currentTarget.value || undefined })}
        >
          <option value="">{t('filters.tier.all')}</option>
          {withCurrent(tiers, filters.tierId).map((tier) => (
            <option key={tier.key} value={tier.key}>
              {tier.label}
            </option>
          ))}
        </select>
      </label>
      <p class="zone">{t('filters.timeZone', { zone })}</p>
      {!filters.range && (
        <p class="problem" role="alert">
          {t('filters.badRange')}
        </p>
      )}
    </form>
  );
}

/** A filter from a link stays selectable even when it has no scores in this period. */
function withCurrent(choices: Choice[], current: string | undefined): Choice[] {
  if (!current || choices.some((c) => c.key === current)) return choices;
  return [...choices, { key: current, label: current }];
}
