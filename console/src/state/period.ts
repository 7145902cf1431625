/** The periods a lead picks from; each is whole days in the viewer's own time zone, ending with today. */
export const PERIODS = ['today', '7d', '30d', '90d', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

const DAYS: Record<Exclude<Period, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };

/** The viewer's IANA time zone: stats count days and weeks in it. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `YYYY-MM-DD` of a local date. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function localMidnight(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface Range {
  from: string;
  to: string;
  /** Inclusive first and last local day, for labels and the custom picker. */
  firstDay: string;
  lastDay: string;
  days: number;
}

/**
 * The instants a period covers: from local midnight of its first day to local midnight after its last, so a
 * link opened tomorrow still means "the last 7 days" from then. Custom ranges are checked like the API does.
 */
export function rangeOf(period: Period, custom: { from?: string; to?: string }, now = new Date()): Range | null {
  let first: Date | null;
  let last: Date | null;
  if (period === 'custom') {
    first = localMidnight(custom.from ?? '');
    last = localMidnight(custom.to ?? '');
  } else {
    last = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    first = new Date(last.getFullYear(), last.getMonth(), last.getDate() - (DAYS[period] - 1));
  }
  if (!first || !last || last < first) return null;
  const end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  const days = Math.round((end.getTime() - first.getTime()) / 86_400_000);
  if (days > 400) return null;
  return { from: first.toISOString(), to: end.toISOString(), firstDay: isoDay(first), lastDay: isoDay(last), days };
}
