/**
 * Is one minute of real time a working minute of a business calendar?
 *
 * Deliberately naive: every minute is looked up on its own through Intl.DateTimeFormat in the calendar's time zone,
 * so daylight-saving changes are whatever the platform's time-zone database says they are — a 02:30 that does not
 * exist on a spring-forward night is simply never met, a repeated 02:30 on a fall-back night is met twice.
 */
import type { BusinessCalendar, Weekday } from '../../lib/schema/sla';

export const MINUTE_MS = 60_000;

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface LocalMinute {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

function parseClock(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** The calendar date before `date` (YYYY-MM-DD), by plain date arithmetic (no time zone involved). */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const prev = new Date(Date.UTC(y as number, (m as number) - 1, (d as number) - 1));
  return prev.toISOString().slice(0, 10);
}

/** The weekday of a calendar date (YYYY-MM-DD), by plain date arithmetic. */
export function weekdayOfDate(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(y as number, (m as number) - 1, d as number)).getUTCDay()] as Weekday;
}

export class WorkingMinutes {
  private readonly format: Intl.DateTimeFormat;
  private readonly holidays: Set<string>;
  private readonly memo = new Map<number, boolean>();
  /** True when no weekday has a span of positive length: no minute can ever be a working minute. */
  readonly neverWorks: boolean;

  constructor(private readonly calendar: BusinessCalendar) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: calendar.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    this.holidays = new Set(calendar.holidays ?? []);
    this.neverWorks = !Object.values(calendar.weekly).some((spans) =>
      (spans ?? []).some(([start, end]) => parseClock(start) !== parseClock(end)),
    );
  }

  /** The local date, weekday and time of day at the start of the minute `epochMinute` (minutes since 1970 UTC). */
  local(epochMinute: number): LocalMinute {
    const parts: Record<string, string> = {};
    for (const part of this.format.formatToParts(new Date(epochMinute * MINUTE_MS))) parts[part.type] = part.value;
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const weekday = (parts.weekday ?? '').toLowerCase() as Weekday;
    if (weekday !== weekdayOfDate(date)) throw new Error(`weekday mismatch for ${date}`);
    return { date, weekday, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  /**
   * A minute works when its local start time falls inside a span of a shift that runs:
   * - a same-day span [start, end) of the local date's weekday (end "24:00" = midnight);
   * - an overnight span (end before start) covers [start, 24:00) of the day it starts and [00:00, end) of the next
   *   day, and belongs to the day it starts: it runs only if that day is not a holiday;
   * - a span with start equal to end is empty.
   */
  isWorking(epochMinute: number): boolean {
    const cached = this.memo.get(epochMinute);
    if (cached !== undefined) return cached;
    const { date, weekday, minuteOfDay } = this.local(epochMinute);
    let working = false;
    if (!this.holidays.has(date)) {
      for (const [startClock, endClock] of this.calendar.weekly[weekday] ?? []) {
        const start = parseClock(startClock);
        const end = parseClock(endClock);
        if (end > start && minuteOfDay >= start && minuteOfDay < end) working = true;
        if (end < start && minuteOfDay >= start) working = true;
      }
    }
    const yesterday = previousDate(date);
    if (!working && !this.holidays.has(yesterday)) {
      for (const [startClock, endClock] of this.calendar.weekly[weekdayOfDate(yesterday)] ?? []) {
        const start = parseClock(startClock);
        const end = parseClock(endClock);
        if (end < start && minuteOfDay < end) working = true;
      }
    }
    this.memo.set(epochMinute, working);
    return working;
  }
}
