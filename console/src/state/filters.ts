import { useLocation } from 'preact-iso';
import { PERIODS, type Period, type Range, rangeOf } from './period';

/** The URL query keys every page shares: a copied link reproduces the view. */
export const FILTER_KEYS = ['period', 'from', 'to', 'team', 'agent', 'tier'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export interface Filters {
  period: Period;
  /** Custom dates as typed (YYYY-MM-DD), kept even when invalid so the picker can say what is wrong. */
  from?: string;
  to?: string;
  range: Range | null;
  teamId?: string;
  agentId?: string;
  tierId?: string;
}

export function readFilters(query: Record<string, string | undefined>): Filters {
  const period = (PERIODS as readonly string[]).includes(query.period ?? '') ? (query.period as Period) : '30d';
  return {
    period,
    from: query.from || undefined,
    to: query.to || undefined,
    range: rangeOf(period, { from: query.from, to: query.to }),
    teamId: query.team || undefined,
    agentId: query.agent || undefined,
    tierId: query.tier || undefined,
  };
}

/** Only the shared filter keys of a query, in a fixed order, for links between pages. */
export function filterQuery(
  query: Record<string, string | undefined>,
  patch: Partial<Record<FilterKey, string | undefined>> = {},
) {
  const merged = { ...query, ...patch };
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = merged[key];
    if (value) params.set(key, value);
  }
  // Leaving custom drops its dates; they mean nothing for a rolling period.
  if (merged.period !== 'custom') {
    params.delete('from');
    params.delete('to');
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters of the current URL, and a way to change them (a new history entry, so Back undoes a change). */
export function useFilters() {
  const location = useLocation();
  const filters = readFilters(location.query);
  return {
    ...filters,
    /** A link to another page that keeps the filters. */
    href: (path: string, patch: Partial<Record<FilterKey, string | undefined>> = {}) =>
      `${path}${filterQuery(location.query, patch)}`,
    set: (patch: Partial<Record<FilterKey, string | undefined>>) =>
      location.route(`${location.path}${filterQuery(location.query, patch)}`),
  };
}

/** The stats API's scope parameters for the current filters. */
export function statsScope(filters: Filters, timeZone: string) {
  if (!filters.range) return null;
  return {
    from: filters.range.from,
    to: filters.range.to,
    tz: timeZone,
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.agentId ? { agentId: filters.agentId } : {}),
    ...(filters.tierId ? { tierId: filters.tierId } : {}),
  };
}
