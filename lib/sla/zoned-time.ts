/**
 * Wall-clock ↔ instant conversion for an IANA time zone using only Intl (Node and browsers ship full ICU).
 * Formatters are cached per zone because creating them dominates the cost.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at `instant`, in ms (positive east of Greenwich). */
export function zoneOffset(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall time happens. A time skipped by a spring-forward gap maps to the instant the
 * clocks jump to (so a 02:30 shift start on that day begins at 03:00); an ambiguous autumn time maps to its
 * first occurrence.
 */
export function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day, 0, minutes);
  const firstGuess = naive - zoneOffset(naive, timeZone);
  const secondGuess = naive - zoneOffset(firstGuess, timeZone);
  if (secondGuess === firstGuess) {
    // Prefer the earlier of two valid readings (autumn overlap).
    const earlier = naive - zoneOffset(firstGuess - 3_600_000, timeZone);
    if (earlier < firstGuess && wallMinutes(earlier, timeZone) === wallMinutes(firstGuess, timeZone)) return earlier;
    return firstGuess;
  }
  // In a gap: neither guess reads back as the requested time; take the later one (after the jump).
  return Math.max(firstGuess, secondGuess);
}

function wallMinutes(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  return w.hour * 60 + w.minute;
}

/** Day of week of a civil date, 0 = Monday. */
export function weekdayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function addDays(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
