import type { Insights } from '../messaging';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The step at which a countdown's text changes (components/format.ts `formatDuration`): seconds under a minute,
 * minutes up to a day ("1 h 05 m"), hours beyond ("2 d 3 h").
 */
const stepOf = (magnitude: number) => (magnitude < MINUTE ? SECOND : magnitude < DAY ? MINUTE : HOUR);

/**
 * How long until a running countdown with `left` ms to go shows something else: another number, the sign once it
 * is breached, or another level (amber at `urgentMs`, red at zero). Exactly then: never later (a stale countdown),
 * never earlier (a render of the helpdesk's page that changes nothing).
 */
export function msUntilShownChange(left: number, urgentMs: number): number {
  const candidates: number[] = [];
  if (left > 0) {
    candidates.push((left % stepOf(left)) + 1, left);
    if (left > urgentMs) candidates.push(left - urgentMs);
  } else if (left === 0) {
    candidates.push(1); // "0 s" becomes "−0 s"
  } else {
    const overdue = -left;
    const step = stepOf(overdue);
    candidates.push(step - (overdue % step));
  }
  return Math.max(1, Math.min(...candidates));
}

/**
 * The next moment, counted from `elapsed` ms after the figures were computed, at which any running clock shows
 * something else; `undefined` when none runs (paused and met targets do not move).
 */
export function nextClockChange(clocks: Insights['sla'], elapsed: number, urgentMs: number): number | undefined {
  let next: number | undefined;
  for (const clock of clocks) {
    if (!clock.ticking || clock.state === 'fulfilled') continue;
    const wait = msUntilShownChange(clock.msLeft - elapsed, urgentMs);
    if (next === undefined || wait < next) next = wait;
  }
  return next;
}
