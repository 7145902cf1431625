import { Chart } from '../../charts/Chart';
import { NLabel, percent, Stat, signed } from '../../figures';
import { t } from '../../i18n';
import type { Satisfaction } from '../dashboard.data';

/** CSAT and NPS for the period with n, and their trend by day or week. */
export function SatisfactionSection({ total, trend }: { total: Satisfaction; trend: Satisfaction }) {
  const labels = trend.groups.map((g) => g.label);
  const summary = `${t('dashboard.csat')} ${percent(total.total.csat.value)}, ${t('common.n', { n: total.total.csat.n })}; ${t('dashboard.nps')} ${signed(total.total.nps.value)}, ${t('common.n', { n: total.total.nps.n })}`;
  return (
    <section class="panel wide" aria-labelledby="satisfaction-title">
      <h2 id="satisfaction-title">
        {t('dashboard.csat')} · {t('dashboard.nps')}
      </h2>
      <div class="stats">
        <Stat
          id="csat"
          label={t('dashboard.csat')}
          help={t('dashboard.csat.help')}
          figure={total.total.csat}
          show={percent}
        />
        <Stat
          id="nps"
          label={t('dashboard.nps')}
          help={t('dashboard.nps.help')}
          figure={total.total.nps}
          show={signed}
        />
      </div>
      <Chart
        id="trend"
        title={t('dashboard.trend')}
        summary={summary}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 48, right: 48, top: 36, bottom: 28 },
          xAxis: { type: 'category', data: labels },
          yAxis: [
            { type: 'value', min: 0, max: 100, name: 'CSAT %' },
            { type: 'value', min: -100, max: 100, name: 'NPS' },
          ],
          series: [
            {
              name: t('dashboard.csat'),
              type: 'line',
              data: trend.groups.map((g) => g.csat.value),
              connectNulls: true,
            },
            {
              name: t('dashboard.nps'),
              type: 'line',
              yAxisIndex: 1,
              data: trend.groups.map((g) => g.nps.value),
              connectNulls: true,
            },
          ],
        }}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.trend.day')}</th>
                <th scope="col">{t('dashboard.csat')}</th>
                <th scope="col">{t('dashboard.nps')}</th>
              </tr>
            </thead>
            <tbody>
              {trend.groups.map((g) => (
                <tr key={g.key} data-row={g.key}>
                  <th scope="row">{g.label}</th>
                  <td>
                    {percent(g.csat.value)} <NLabel n={g.csat.n} />
                  </td>
                  <td>
                    {signed(g.nps.value)} <NLabel n={g.nps.n} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
