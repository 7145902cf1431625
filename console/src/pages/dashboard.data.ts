import { type Answer, api, data } from '../api/client';
import type { statsScope } from '../state/filters';

export type Satisfaction = Answer<'getSatisfactionStats'>;
export type Service = Answer<'getServiceStats'>;
export type Ranking = Answer<'getRanking'>;
const NO_RANKING: Ranking = { bands: { greenAtLeast: 90, yellowPoints: 10 }, agents: [], teams: [] };
export type Scope = NonNullable<ReturnType<typeof statsScope>>;

export interface DashboardData {
  total: Satisfaction;
  trend: Satisfaction;
  ranking: Ranking;
  service: Service;
  metrics: Service;
}

/** Longer periods trend by week: ninety daily points are noise at this size. */
export const trendGrouping = (days: number) => (days > 45 ? 'week' : 'day');

/**
 * Every figure on the dashboard, side by side, from the stats API (the CSV export gives the same numbers); the
 * ranking and its red / yellow / green bands come from the server, with the bands the admin set.
 */
export async function loadDashboard(scope: Scope, days: number): Promise<DashboardData> {
  const satisfaction = (groupBy: 'none' | 'day' | 'week' | 'team' | 'agent') =>
    data(api.GET('/api/v1/stats/satisfaction', { params: { query: { ...scope, groupBy } } })) as Promise<Satisfaction>;
  const service = (groupBy: 'none' | 'metric') =>
    data(api.GET('/api/v1/stats/service', { params: { query: { ...scope, groupBy } } })) as Promise<Service>;
  const [total, trend, ranking, serviceTotal, metrics] = await Promise.all([
    satisfaction('none'),
    satisfaction(trendGrouping(days)),
    // Agents have no ranking (403): their dashboard shows their own figures without one.
    data(api.GET('/api/v1/stats/ranking', { params: { query: scope } })).catch(() => NO_RANKING),
    service('none'),
    service('metric'),
  ]);
  return { total, trend, ranking, service: serviceTotal, metrics };
}

/** The API's own CSV of a view: the same figures as on screen, with a BOM so Excel reads Chinese names. */
export function exportUrl(kind: 'satisfaction' | 'service', scope: Scope, groupBy: string): string {
  const query = new URLSearchParams({ ...scope, groupBy, format: 'csv', bom: 'true' });
  return `/api/v1/stats/${kind}?${query}`;
}
