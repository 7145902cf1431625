import { describe, expect, it } from 'vitest';
import { parseHelpdeskDate } from './dates';

describe('parseHelpdeskDate', () => {
  it.each([
    // Redmine in English shows the agent's own time zone in the link title.
    ['11/30/2026 06:38 PM', 'MM/DD/YYYY hh:mm A', 'Asia/Shanghai', '2026-11-30T10:38:00.000Z'],
    ['11/30/2026 06:38 AM', 'MM/DD/YYYY hh:mm A', 'Asia/Shanghai', '2026-11-29T22:38:00.000Z'],
    ['11/30/2026 12:05 AM', 'MM/DD/YYYY hh:mm A', 'UTC', '2026-11-30T00:05:00.000Z'],
    // Across a daylight-saving change: New York is UTC-4 in summer, UTC-5 in winter.
    ['07/01/2026 09:00 AM', 'MM/DD/YYYY hh:mm A', 'America/New_York', '2026-07-01T13:00:00.000Z'],
    ['12/01/2026 09:00 AM', 'MM/DD/YYYY hh:mm A', 'America/New_York', '2026-12-01T14:00:00.000Z'],
    ['30.11.2026 18:38', 'DD.MM.YYYY HH:mm', 'Europe/Berlin', '2026-11-30T17:38:00.000Z'],
    ['2026年11月30日 18:38', 'YYYY年MM月DD日 HH:mm', 'Asia/Taipei', '2026-11-30T10:38:00.000Z'],
    // The offset in the text wins over any zone.
    ['2026-11-30 18:38 +0800', 'YYYY-MM-DD HH:mm ZZ', 'America/New_York', '2026-11-30T10:38:00.000Z'],
    // ISO, as <time datetime> carries it: with an offset, or a wall time in the described zone.
    ['2026-11-30T10:38:00Z', 'iso', undefined, '2026-11-30T10:38:00.000Z'],
    ['2026-11-30T18:38:00+08:00', 'iso', undefined, '2026-11-30T10:38:00.000Z'],
    ['2026-11-30T18:38:00+0800', 'iso', undefined, '2026-11-30T10:38:00.000Z'],
    ['2026-11-30 18:38:05.250', 'iso', 'Asia/Shanghai', '2026-11-30T10:38:05.250Z'],
  ])('%s in %s (%s) → %s', (text, format, zone, expected) => {
    expect(parseHelpdeskDate(text, format, zone)).toBe(expected);
  });

  it("reads a wall time in the browser's own zone when the description names none", () => {
    expect(parseHelpdeskDate('11/30/2026 06:38 PM', 'MM/DD/YYYY hh:mm A')).toBe(
      new Date(2026, 10, 30, 18, 38).toISOString(),
    );
  });

  it.each([
    ['about 2 hours ago', 'MM/DD/YYYY hh:mm A'],
    ['13/45/2026 06:38 PM', 'MM/DD/YYYY hh:mm A'],
    ['2026-11-30 18:38', 'MM/DD/YYYY hh:mm A'],
    ['yesterday', 'iso'],
    ['2026-11-30', 'iso'],
  ])('%s is not a date in %s', (text, format) => {
    expect(parseHelpdeskDate(text, format, 'UTC')).toBeUndefined();
  });
});
