import { type Answer, api, data } from '../api/client';
import { duration, percent, signed } from '../figures';
import { type MessageKey, t } from '../i18n';
import { teams } from '../state/session';

export type Alert = Answer<'listAlerts'>['alerts'][number];
export type AlertMetric = Alert['metric'];

export async function loadAlerts(query: { status?: 'open' | 'acknowledged'; teamId?: string }) {
  return data(api.GET('/api/v1/alerts', { params: { query: { limit: 100, ...query } } }));
}

export const metricName = (metric: AlertMetric) => t(`alertMetric.${metric}` as MessageKey);

/** A metric's value the way the dashboard writes it (reply times are in minutes in alerts and actions). */
export function metricValue(metric: AlertMetric, value: number | null): string {
  if (metric === 'nps') return signed(value);
  if (metric.startsWith('first_reply')) return duration(value === null ? null : value * 60_000);
  return percent(value);
}

export const teamName = (teamId: string | null) =>
  teamId ? (teams.value.find((team) => team.id === teamId)?.name ?? teamId) : t('alerts.org');
