import type { BusinessCalendar, Weekday } from '../schema/sla';
import { addDays, instantOf, isoDate, wallTime, weekdayIndex } from './zoned-time';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** A calendar with no working time at all would make "add business time" search forever; stop after a year. */
const MAX_DAYS_SEARCHED = 400;

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Working intervals [start, end) as instants, for the shifts that START on one local date. */
function shiftsStartingOn(calendar: BusinessCalendar, year: number, month: number, day: number): [number, number][] {
  if (calendar.holidays.includes(isoDate(year, month, day))) return [];
  const spans = calendar.weekly[WEEKDAYS[weekdayIndex(year, month, day)] as Weekday] ?? [];
  return spans.map(([from, to]) => {
    const start = minutesOf(from);
    let end = minutesOf(to);
    if (end <= start) end += 24 * 60; // overnight: ends on the next day
    return [instantOf(year, month, day, start, calendar.timeZone), instantOf(year, month, day, end, calendar.timeZone)];
  });
}

/**
 * Working intervals overlapping [from, ∞), in time order, one local day at a time. Starts a day early so an
 * overnight shift that began yesterday is included.
 */
export function* workingIntervals(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  const local = wallTime(from, calendar.timeZone);
  let date = addDays(local.year, local.month, local.day, -1);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    const shifts = shiftsStartingOn(calendar, date.year, date.month, date.day).sort((a, b) => a[0] - b[0]);
    for (const [start, end] of shifts) {
      if (end > from) yield [Math.max(start, from), end];
    }
    date = addDays(date.year, date.month, date.day, 1);
  }
}

/** Business milliseconds between two instants (0 when `to` ≤ `from`). */
export function businessMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  let cursor = from;
  for (const [start, end] of workingIntervals(calendar, from)) {
    if (start >= to) break;
    // Overlapping spans (badly written schedules) are counted once.
    const s = Math.max(start, cursor);
    const e = Math.min(end, to);
    if (e > s) {
      total += e - s;
      cursor = e;
    }
  }
  return total;
}

/**
 * The instant at which `ms` business milliseconds have passed after `from`. For ms ≤ 0 the answer is `from`
 * minus calendar time only when negative business time is asked for, which callers do not need.
 */
export function addBusinessMs(calendar: BusinessCalendar, from: number, ms: number): number | undefined {
  if (ms <= 0) return from;
  let left = ms;
  let cursor = from;
  for (const [start, end] of workingIntervals(calendar, from)) {
    const s = Math.max(start, cursor);
    if (end <= s) continue;
    if (end - s >= left) return s + left;
    left -= end - s;
    cursor = end;
  }
  return undefined;
}

/** Is `instant` inside working time? */
export function isWorkingTime(calendar: BusinessCalendar, instant: number): boolean {
  for (const [start, end] of workingIntervals(calendar, instant)) {
    return start <= instant && instant < end;
  }
  return false;
}
