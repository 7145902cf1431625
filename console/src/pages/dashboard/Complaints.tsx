import { Chart } from '../../charts/Chart';
import { percent, Stat } from '../../figures';
import { t } from '../../i18n';
import type { Satisfaction } from '../dashboard.data';

const GRADES = ['urgent', 'important', 'normal'] as const;
const COLOURS = { urgent: '#c62828', important: '#ef6c00', normal: '#607d8b' };

/** Complaint rate among graded scores, and the mix of grades. */
export function ComplaintsSection({ total }: { total: Satisfaction }) {
  const complaints = total.total.complaints;
  const mix = GRADES.map((grade) => ({ grade, name: t(`dashboard.grade.${grade}`), value: complaints[grade] }));
  return (
    <section class="panel" aria-labelledby="complaints-title">
      <h2 id="complaints-title">{t('dashboard.complaints')}</h2>
      <div class="stats">
        <Stat id="complaint-rate" label={t('dashboard.complaints.rate')} figure={complaints.rate} show={percent} />
      </div>
      <Chart
        id="grades"
        title={t('dashboard.complaints.mix')}
        summary={mix.map((m) => `${m.name} ${m.value}`).join(', ')}
        height={220}
        option={{
          tooltip: { trigger: 'item' },
          legend: { bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['40%', '70%'],
              data: mix.map((m) => ({ name: m.name, value: m.value, itemStyle: { color: COLOURS[m.grade] } })),
            },
          ],
        }}
        table={
          <table>
            <tbody>
              {mix.map((m) => (
                <tr key={m.grade} data-row={m.grade}>
                  <th scope="row">{m.name}</th>
                  <td>{m.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
