import { NLabel, percent } from '../../figures';
import { t } from '../../i18n';
import type { Ranking } from '../dashboard.data';

type Entry = Ranking['agents'][number];

/**
 * Teams or agents ranked by CSAT with the server's band in words and colour; each name drills down (a team narrows
 * the dashboard to it; an agent opens their scored tickets). Small samples keep their place but say so.
 */
export function RankingSection({
  id,
  title,
  entries,
  bands,
  linkFor,
}: {
  id: string;
  title: string;
  entries: Entry[];
  bands: Ranking['bands'];
  linkFor: (key: string) => string;
}) {
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-ranking={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="hint">
        {t('dashboard.ranking.bands', { green: bands.greenAtLeast, yellow: bands.greenAtLeast - bands.yellowPoints })}
      </p>
      {entries.length === 0 ? (
        <p>{t('common.noData')}</p>
      ) : (
        <table class="ranking">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('dashboard.ranking.name')}</th>
              <th scope="col">{t('dashboard.csat')}</th>
              <th scope="col">{t('dashboard.ranking.band')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const band = entry.band ?? 'none';
              return (
                <tr key={entry.id} data-row={entry.id} data-band={band}>
                  <td>{entry.rank}</td>
                  <th scope="row">
                    <a href={linkFor(entry.id)}>{entry.label}</a>
                  </th>
                  <td data-value={entry.csat.value ?? ''}>
                    {entry.smallSample ? '≈ ' : ''}
                    {percent(entry.csat.value)} <NLabel n={entry.csat.n} />
                  </td>
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
