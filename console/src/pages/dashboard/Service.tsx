import { Chart } from '../../charts/Chart';
import { duration, NLabel, percent, Stat } from '../../figures';
import { type MessageKey, t } from '../../i18n';
import type { Service } from '../dashboard.data';

const metricName = (key: string) => {
  const message = `metric.${key}` as MessageKey;
  return message in METRIC_KEYS ? t(message) : key;
};
const METRIC_KEYS: Partial<Record<MessageKey, true>> = {
  'metric.first_reply_time': true,
  'metric.next_reply_time': true,
  'metric.periodic_update_time': true,
  'metric.pausable_update_time': true,
  'metric.requester_wait_time': true,
  'metric.agent_work_time': true,
  'metric.resolution_time': true,
};

/** SLA attainment and breaches per metric, and first-reply median and p90. */
export function ServiceSection({ total, metrics }: { total: Service; metrics: Service }) {
  const summary = metrics.groups
    .map((g) => `${metricName(g.key)} ${percent(g.slaAttainment.value)} (${t('common.n', { n: g.slaAttainment.n })})`)
    .join('; ');
  return (
    <section class="panel" aria-labelledby="service-title">
      <h2 id="service-title">{t('dashboard.sla')}</h2>
      <div class="stats">
        <Stat id="sla" label={t('dashboard.sla.total')} figure={total.total.slaAttainment} show={percent} />
        <div class="stat" data-stat="breaches" data-value={total.total.breaches}>
          <h3 class="stat-label">{t('dashboard.sla.breaches')}</h3>
          <p class="stat-value">{total.total.breaches}</p>
        </div>
        <Stat
          id="first-reply-median"
          label={`${t('dashboard.firstReply')} · ${t('dashboard.firstReply.median')}`}
          figure={total.total.firstReplyMedianMs}
          show={duration}
        />
        <Stat
          id="first-reply-p90"
          label={`${t('dashboard.firstReply')} · ${t('dashboard.firstReply.p90')}`}
          figure={total.total.firstReplyP90Ms}
          show={duration}
        />
      </div>
      <Chart
        id="sla"
        title={t('dashboard.sla')}
        summary={summary || t('common.noData')}
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 110, right: 24, top: 12, bottom: 28 },
          xAxis: { type: 'value', min: 0, max: 100 },
          yAxis: { type: 'category', data: metrics.groups.map((g) => metricName(g.key)) },
          series: [
            {
              type: 'bar',
              name: t('dashboard.sla.attainment'),
              data: metrics.groups.map((g) => g.slaAttainment.value),
            },
          ],
        }}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.sla.metric')}</th>
                <th scope="col">{t('dashboard.sla.attainment')}</th>
                <th scope="col">{t('dashboard.sla.breaches')}</th>
                <th scope="col">{t('dashboard.firstReply.median')}</th>
              </tr>
            </thead>
            <tbody>
              {metrics.groups.map((g) => (
                <tr key={g.key} data-row={g.key}>
                  <th scope="row">{metricName(g.key)}</th>
                  <td>
                    {percent(g.slaAttainment.value)} <NLabel n={g.slaAttainment.n} />
                  </td>
                  <td>{g.breaches}</td>
                  <td>{duration(g.firstReplyMedianMs.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
