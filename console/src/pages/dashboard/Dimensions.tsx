import { Chart } from '../../charts/Chart';
import { NLabel, number } from '../../figures';
import { type MessageKey, t } from '../../i18n';
import type { Satisfaction } from '../dashboard.data';
import { DIMENSIONS } from '../dimensions';

const dimensionName = (key: string) =>
  (DIMENSIONS as readonly string[]).includes(key) ? t(`dimension.${key}` as MessageKey) : key;

/** The six-dimension radar, with the weakest dimension named in words. */
export function DimensionsSection({ total }: { total: Satisfaction }) {
  const figures = DIMENSIONS.map((d) => ({
    key: d,
    name: dimensionName(d),
    ...(total.total.dimensions[d] ?? { value: null, n: 0 }),
  }));
  const weakest = total.weakestDimension;
  const weakestText =
    weakest && weakest.figure.value !== null
      ? t('dashboard.weakest', { dimension: dimensionName(weakest.dimension), value: number(weakest.figure.value) })
      : t('dashboard.weakest.none');
  return (
    <section class="panel" aria-labelledby="dimensions-title">
      <h2 id="dimensions-title">{t('dashboard.radar')}</h2>
      <p class="weakest" data-weakest={weakest?.dimension ?? ''}>
        <strong>{weakestText}</strong> {weakest && <NLabel n={weakest.figure.n} />}
      </p>
      <Chart
        id="radar"
        title={t('dashboard.radar.chart')}
        summary={figures.map((f) => `${f.name} ${f.value === null ? '—' : number(f.value)}`).join(', ')}
        option={{
          tooltip: {},
          radar: { indicator: figures.map((f) => ({ name: f.name, max: 5, min: 0 })), radius: '62%' },
          series: [
            { type: 'radar', data: [{ name: t('dashboard.average'), value: figures.map((f) => f.value ?? 0) }] },
          ],
        }}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.dimension')}</th>
                <th scope="col">{t('dashboard.average')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.key} data-row={f.key}>
                  <th scope="row">{f.name}</th>
                  <td>
                    {f.value === null ? '—' : number(f.value, 2)} <NLabel n={f.n} />
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
