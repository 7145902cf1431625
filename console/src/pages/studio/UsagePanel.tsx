import { NLabel, number, percent } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { statsScope, useFilters } from '../../state/filters';
import { useLoad } from '../../state/useLoad';
import { loadScriptStats } from '../studio.data';

/**
 * How agents use the script and what it does, per version, over the shared filters' period, team and tier: uses,
 * thumbs, how often agents edited it before sending, and CSAT after it next to CSAT where no script was used.
 */
export function UsagePanel({ id }: { id: string }) {
  const filters = useFilters();
  const scope = statsScope(filters, Intl.DateTimeFormat().resolvedOptions().timeZone);
  const stats = useLoad(JSON.stringify(scope), () =>
    scope ? loadScriptStats(scope) : Promise.reject(new Error(t('studio.usage.noPeriod'))),
  );
  const rows = (stats.data?.scripts ?? []).filter((row) => row.scriptId === id);
  const without = stats.data?.csatWithoutScripts;
  return (
    <section class="panel studio-usage" aria-labelledby="studio-usage-title" data-loaded={stats.state}>
      <h2 id="studio-usage-title">{t('studio.usage.title')}</h2>
      <p class="hint">{t('studio.usage.help')}</p>
      {(!stats.data || stats.state === 'failed') && (
        <LoadState
          state={stats.state}
          message={stats.state === 'failed' ? stats.message : undefined}
          retry={stats.retry}
        />
      )}
      {stats.data && rows.length === 0 && <p>{t('studio.usage.none')}</p>}
      {rows.length > 0 && (
        <table>
          <caption class="studio-sr">{t('studio.usage.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studio.versions.version')}</th>
              <th scope="col">{t('studio.usage.uses')}</th>
              <th scope="col">{t('studio.usage.up')}</th>
              <th scope="col">{t('studio.usage.down')}</th>
              <th scope="col">{t('studio.usage.edited')}</th>
              <th scope="col">{t('studio.usage.csat')}</th>
              <th scope="col">{t('studio.usage.csatWithout')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.scriptVersion} data-version={row.scriptVersion}>
                <th scope="row">{row.scriptVersion}</th>
                <td data-figure="uses">
                  {number(row.inserted + row.copied, 0)}{' '}
                  <span class="hint">
                    {t('studio.usage.usesDetail', { inserted: row.inserted, copied: row.copied })}
                  </span>
                </td>
                <td data-figure="up">{number(row.ratedUp, 0)}</td>
                <td data-figure="down">{number(row.ratedDown, 0)}</td>
                <td data-figure="edited">
                  {percent(row.edited.value)} <NLabel n={row.edited.n} />
                </td>
                <td data-figure="csat">
                  {percent(row.csatWhenUsed.value)} <NLabel n={row.csatWhenUsed.n} />
                </td>
                <td data-figure="csatWithout">
                  {percent(without?.value ?? null)} <NLabel n={without?.n ?? 0} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
