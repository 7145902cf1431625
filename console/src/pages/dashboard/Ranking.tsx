import { NLabel, percent } from '../../figures';
import { t } from '../../i18n';
import { type Band, type Bands, bandOf } from '../bands';
import type { Satisfaction } from '../dashboard.data';

/**
 * Teams or agents ranked by CSAT with their band in words and colour; each name drills down (a team narrows the
 * dashboard to it; an agent opens their scored tickets). Ties and small n keep their place but say so.
 */
export function RankingSection({
  id,
  title,
  stats,
  bands,
  linkFor,
}: {
  id: string;
  title: string;
  stats: Satisfaction;
  bands: Bands;
  linkFor: (key: string) => string;
}) {
  const rows = [...stats.groups].sort((a, b) => (b.csat.value ?? -1) - (a.csat.value ?? -1));
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-ranking={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="hint">{t('dashboard.ranking.bands', { green: bands.green, yellow: bands.yellow })}</p>
      {rows.length === 0 ? (
        <p>{t('common.noData')}</p>
      ) : (
        <table class="ranking">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('dashboard.ranking.name')}</th>
              <th scope="col">{t('dashboard.csat')}</th>
              <th scope="col">{t('dashboard.nps')}</th>
              <th scope="col">{t('dashboard.ranking.band')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const band: Band = bandOf(row.csat.value, row.csat.n, bands);
              return (
                <tr key={row.key} data-row={row.key} data-band={band}>
                  <td>{index + 1}</td>
                  <th scope="row">
                    <a href={linkFor(row.key)}>{row.label}</a>
                  </th>
                  <td data-value={row.csat.value ?? ''}>
                    {percent(row.csat.value)} <NLabel n={row.csat.n} />
                  </td>
                  <td>{row.nps.value === null ? '—' : Math.round(row.nps.value)}</td>
                  <td>
                    <span class={`band band-${band}`}>{t(`band.${band}`)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
