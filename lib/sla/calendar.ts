import type { BusinessCalendar, Weekday } from '../schema/sla';
import { addDays, isoDate, wallTime, weekdayIndex, zoneOffset } from './zoned-time';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** A calendar with no working time at all would make "add business time" search forever; stop after a year. */
const MAX_DAYS_SEARCHED = 400;

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Shifts per local date, per calendar. Converting wall times to instants through Intl is the expensive step,
 * and every open ticket re-evaluates the same few weeks, so each day is converted once. Keyed by the calendar
 * object: a changed calendar is a new object and starts a fresh cache.
 */
const dayCache = new WeakMap<BusinessCalendar, Map<string, [number, number][]>>();

function shiftsStartingOn(calendar: BusinessCalendar, year: number, month: number, day: number): [number, number][] {
  let days = dayCache.get(calendar);
  if (!days) {
    days = new Map();
    dayCache.set(calendar, days);
  }
  const key = isoDate(year, month, day);
  let shifts = days.get(key);
  if (!shifts) {
    shifts = computeShifts(calendar, year, month, day).sort((a, b) => a[0] - b[0]);
    days.set(key, shifts);
  }
  return shifts;
}

/**
 * Working intervals [start, end) as instants, for the shifts that START on one local date. A span is wall-clock
 * time: an instant is working time when its local time in the calendar's zone lies in the span. On the night the
 * clocks go back, a span covering the repeated hour works it twice; on the night they go forward, the skipped
 * local time does not exist. A span whose end is before its start runs past midnight; start equal to end is empty.
 */
function computeShifts(calendar: BusinessCalendar, year: number, month: number, day: number): [number, number][] {
  if (calendar.holidays.includes(isoDate(year, month, day))) return [];
  const spans = calendar.weekly[WEEKDAYS[weekdayIndex(year, month, day)] as Weekday] ?? [];
  const shifts: [number, number][] = [];
  for (const [from, to] of spans) {
    const start = minutesOf(from);
    let end = minutesOf(to);
    if (end === start) continue;
    if (end < start) end += 24 * 60; // overnight: ends on the next day
    shifts.push(
      ...wallClockSpan(
        Date.UTC(year, month - 1, day, 0, start),
        Date.UTC(year, month - 1, day, 0, end),
        calendar.timeZone,
      ),
    );
  }
  return shifts;
}

/**
 * The instants whose local time lies in [localStart, localEnd) (local date-times written as if they were UTC). At
 * most one offset change falls inside a shift (changes are months apart), so it is one interval before the change
 * and one after, each at its own offset.
 */
function wallClockSpan(localStart: number, localEnd: number, timeZone: string): [number, number][] {
  const windowStart = localStart - 15 * 3_600_000;
  const windowEnd = localEnd + 15 * 3_600_000;
  const before = zoneOffset(windowStart, timeZone);
  const after = zoneOffset(windowEnd, timeZone);
  if (before === after) return [[localStart - before, localEnd - before]];
  // The instant the offset changes, to the millisecond.
  let low = windowStart;
  let high = windowEnd;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffset(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  const change = high;
  const intervals: [number, number][] = [];
  const firstEnd = Math.min(localEnd - before, change);
  if (localStart - before < firstEnd) intervals.push([localStart - before, firstEnd]);
  const secondStart = Math.max(localStart - after, change);
  if (secondStart < localEnd - after) intervals.push([secondStart, localEnd - after]);
  return intervals;
}

/**
 * Working intervals overlapping [from, ∞), in time order and not overlapping, one local day at a time. Starts a day early so an
 * overnight shift that began yesterday is included.
 */
/**
 * The local date of an instant, remembered per quarter hour: every zone's offset is a whole number of quarter hours,
 * so the date cannot change inside one, and the clocks of one ticket ask about the same few instants over and over.
 */
const QUARTER_HOUR = 900_000;
const localDates = new Map<string, { year: number; month: number; day: number }>();
function localDate(instant: number, timeZone: string): { year: number; month: number; day: number } {
  const key = `${timeZone}|${Math.floor(instant / QUARTER_HOUR)}`;
  let date = localDates.get(key);
  if (!date) {
    const { year, month, day } = wallTime(instant, timeZone);
    date = { year, month, day };
    if (localDates.size >= 4096) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

export function* workingIntervals(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  const local = localDate(from, calendar.timeZone);
  let date = addDays(local.year, local.month, local.day, -1);
  // Shifts overlap (two spans over the same hours, yesterday's night shift into today, the second pass of the hour
  // the clocks go back): intervals are yielded in order of start, each from where the ones before it stopped.
  let pending: [number, number][] = [];
  let reached = from;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    pending.push(...shiftsStartingOn(calendar, date.year, date.month, date.day));
    date = addDays(date.year, date.month, date.day, 1);
    // Shifts of later days start no earlier than the next local midnight at the widest offset (UTC+14).
    const later = Date.UTC(date.year, date.month - 1, date.day) - 14 * 3_600_000;
    pending.sort((a, b) => a[0] - b[0]);
    const waiting: [number, number][] = [];
    for (const interval of pending) {
      const [start, end] = interval;
      if (start >= later) waiting.push(interval);
      else if (end > reached) {
        yield [Math.max(start, reached), end];
        reached = end;
      }
    }
    pending = waiting;
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

/**
 * Business milliseconds inside a set of sorted, non-overlapping spans, in one walk over the working intervals
 * (one time-zone lookup however many spans a long ticket has). With `targetMs`, also the instant at which the
 * running total reached it.
 */
export function businessMsWithin(
  calendar: BusinessCalendar,
  spans: [number, number][],
  targetMs = Number.POSITIVE_INFINITY,
): { total: number; reachedAt?: number } {
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return { total: 0 };
  let total = 0;
  let reachedAt: number | undefined;
  let i = 0;
  for (const [start, end] of workingIntervals(calendar, first[0])) {
    if (start >= last[1]) break;
    while (i < spans.length && (spans[i] as [number, number])[1] <= start) i++;
    for (let j = i; j < spans.length; j++) {
      const [from, to] = spans[j] as [number, number];
      if (from >= end) break;
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      if (e <= s) continue;
      if (reachedAt === undefined && total + (e - s) >= targetMs) reachedAt = s + (targetMs - total);
      total += e - s;
    }
  }
  return { total, reachedAt };
}
