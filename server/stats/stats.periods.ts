import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import { periodKey } from '../../lib/stats';
import type { Database } from '../db/schema';

/**
 * Day and week boundaries belong to the caller's time zone. PostgreSQL gets the local period starts as one array
 * and buckets rows with width_bucket (a few hundred groups back). SQLite cannot apply a zone, so it groups by UTC
 * hour (or quarter hour, for zones like Asia/Kolkata) and the buckets are folded into local periods here; counts
 * and sums add up exactly either way.
 */
export interface PeriodBuckets {
  expression: RawBuilder<string>;
  /** The local day (YYYY-MM-DD) or ISO week (YYYY-Www) a raw group key belongs to. */
  labelOf: (rawKey: string) => string;
}

export function periodBuckets(
  db: Kysely<Database>,
  period: 'day' | 'week',
  tz: string,
  from: Date,
  to: Date,
): PeriodBuckets {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const starts = localPeriodStarts(period, tz, from, to);
    const bounds = starts.map((s) => new Date(s.at).toISOString());
    return {
      expression: sql<string>`width_bucket(occurred_at, ${bounds}::text[])`,
      labelOf: (rawKey) => starts[Number(rawKey) - 1]?.label ?? '',
    };
  }
  const expression = wholeHourOffsets(tz, from, to)
    ? sql<string>`substr(occurred_at, 1, 13)`
    : sql<string>`substr(occurred_at, 1, 14) || (cast(substr(occurred_at, 15, 2) as integer) / 15)`;
  return { expression, labelOf: (rawKey) => localPeriod(rawKey, period, tz) };
}

function offsetMinutes(tz: string, at: number): number {
  const parts = formatterFor(tz, true).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

function wholeHourOffsets(tz: string, from: Date, to: Date): boolean {
  const samples = [from.getTime(), (from.getTime() + to.getTime()) / 2, to.getTime()];
  // Twice a year is enough to see both sides of a DST change inside long periods.
  for (let t = from.getTime(); t < to.getTime(); t += 182 * 86_400_000) samples.push(t);
  return samples.every((at) => offsetMinutes(tz, at) % 60 === 0);
}

/**
 * Formatters per zone and kind. Zones arrive canonical (the query schema resolves `europe/paris` to
 * `Europe/Paris`), and the cache is capped anyway: about 600 zones exist, but a cache a request can grow must
 * never depend on that.
 */
const formatters = new LRUCache<string, Intl.DateTimeFormat>({ max: 256 });
/** How many formatters are held (for the test that the cache stays bounded). */
export const cachedFormatterCount = () => formatters.size;
function formatterFor(tz: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${tz}|${withTime}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(withTime ? 'en-US' : 'en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** The instant local midnight of a calendar day starts in `tz` (two passes settle DST changes). */
function localMidnight(tz: string, year: number, month: number, day: number): number {
  let at = Date.UTC(year, month, day);
  at -= offsetMinutes(tz, at) * 60_000;
  return Date.UTC(year, month, day) - offsetMinutes(tz, at) * 60_000;
}

/** Local day or ISO-week starts covering [from, to), the first at or before `from`. */
function localPeriodStarts(period: 'day' | 'week', tz: string, from: Date, to: Date) {
  const [y, m, d] = formatterFor(tz, false).format(from).split('-').map(Number) as [number, number, number];
  // Start from the local day of `from` (for weeks, back to its Monday) and step one local day at a time.
  const startDay = new Date(Date.UTC(y, m - 1, d));
  if (period === 'week') startDay.setUTCDate(startDay.getUTCDate() - ((startDay.getUTCDay() + 6) % 7));
  const starts: { at: number; label: string }[] = [];
  for (const day = startDay; ; day.setUTCDate(day.getUTCDate() + (period === 'week' ? 7 : 1))) {
    const at = localMidnight(tz, day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    if (at >= to.getTime()) break;
    const isoDay = day.toISOString().slice(0, 10);
    starts.push({ at, label: period === 'day' ? isoDay : periodKey(`${isoDay}T12:00:00Z`, 'week') });
  }
  return starts;
}

/**
 * The local periods covering [from, to), each clipped to it. SQLite answers period groupings as one range scan
 * per period (UNION ALL, no GROUP BY): it has no hash aggregation, and sorting every row by a bucket costs more
 * than the scans.
 */
export function localPeriodRanges(period: 'day' | 'week', tz: string, from: Date, to: Date) {
  const starts = localPeriodStarts(period, tz, from, to);
  return starts.map((start, i) => ({
    label: start.label,
    from: new Date(Math.max(start.at, from.getTime())).toISOString(),
    to: new Date(Math.min(starts[i + 1]?.at ?? to.getTime(), to.getTime())).toISOString(),
  }));
}

export const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The instant a SQLite bucket key starts at: "2026-11-22T15" or "2026-11-22T15:2" (the third quarter hour). */
function bucketStart(key: string): Date {
  const [hour, quarter] = key.split(':');
  return new Date(Date.parse(`${hour}:00:00Z`) + Number(quarter ?? 0) * 15 * 60_000);
}

function localPeriod(key: string, period: 'day' | 'week', tz: string): string {
  const localDay = formatterFor(tz, false).format(bucketStart(key));
  return period === 'day' ? localDay : periodKey(`${localDay}T12:00:00Z`, 'week');
}
