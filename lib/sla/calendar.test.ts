import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../schema/sla';
import { addBusinessMs, businessMsBetween } from './calendar';

const H = 3_600_000;
const t = (iso: string) => Date.parse(iso);

const berlin = BusinessCalendar.parse({
  id: 'berlin',
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: ['2026-12-28'],
});

const newYork = BusinessCalendar.parse({
  id: 'ny',
  timeZone: 'America/New_York',
  weekly: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    sun: [['08:00', '12:00']],
  },
});

const nightDesk = BusinessCalendar.parse({
  id: 'night',
  timeZone: 'Asia/Shanghai',
  weekly: { fri: [['22:00', '06:00']] },
});

describe('business-hours calendars', () => {
  it('carries a Friday-afternoon target across the weekend', () => {
    // Fri 27 Nov 2026 16:00 Berlin (15:00Z) + 2 business hours → 1 h Friday, 1 h Monday from 09:00 → Mon 10:00 (09:00Z)
    expect(new Date(addBusinessMs(berlin, t('2026-11-27T15:00:00Z'), 2 * H) ?? 0).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('skips a holiday Monday', () => {
    // Fri 25 Dec 2026 is a Friday; Mon 28 Dec is a holiday → Fri 16:30 + 2 h → Tue 29 Dec 10:30 Berlin (09:30Z)
    expect(new Date(addBusinessMs(berlin, t('2026-12-25T15:30:00Z'), 2 * H) ?? 0).toISOString()).toBe(
      '2026-12-29T09:30:00.000Z',
    );
  });

  it('counts an overnight shift that crosses midnight', () => {
    // Fri 22:00–Sat 06:00 Shanghai (UTC+8): Fri 14:00Z–Fri 22:00Z. From Fri 23:00 local, 5 h → Sat 04:00 local.
    expect(new Date(addBusinessMs(nightDesk, t('2026-11-27T15:00:00Z'), 5 * H) ?? 0).toISOString()).toBe(
      '2026-11-27T20:00:00.000Z',
    );
    expect(businessMsBetween(nightDesk, t('2026-11-27T00:00:00Z'), t('2026-11-28T12:00:00Z'))).toBe(8 * H);
  });

  it('uses split shifts and skips the lunch break', () => {
    // Mon 30 Nov 2026 11:00 New York (16:00Z) + 2 h → 1 h to 12:00, then 13:00–14:00 → 14:00 local (19:00Z)
    expect(new Date(addBusinessMs(newYork, t('2026-11-30T16:00:00Z'), 2 * H) ?? 0).toISOString()).toBe(
      '2026-11-30T19:00:00.000Z',
    );
  });

  it('is right across the spring-forward change (Berlin, 29 Mar 2026)', () => {
    // Fri 27 Mar 16:00 CET (15:00Z) + 2 h → Mon 30 Mar 10:00 CEST = 08:00Z (offset changed over the weekend)
    expect(new Date(addBusinessMs(berlin, t('2026-03-27T15:00:00Z'), 2 * H) ?? 0).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('is right across the autumn change (Berlin, 25 Oct 2026)', () => {
    // Fri 23 Oct 16:00 CEST (14:00Z) + 2 h → Mon 26 Oct 10:00 CET = 09:00Z
    expect(new Date(addBusinessMs(berlin, t('2026-10-23T14:00:00Z'), 2 * H) ?? 0).toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
  });

  it('is right across both DST changes in New York', () => {
    // Sun 8 Mar 2026 (spring forward at 02:00): Sunday 08:00–12:00 EDT = 12:00Z–16:00Z
    expect(businessMsBetween(newYork, t('2026-03-08T00:00:00Z'), t('2026-03-09T00:00:00Z'))).toBe(4 * H);
    expect(new Date(addBusinessMs(newYork, t('2026-03-08T00:00:00Z'), H) ?? 0).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
    // Sun 1 Nov 2026 (fall back at 02:00): Sunday 08:00 EST = 13:00Z
    expect(new Date(addBusinessMs(newYork, t('2026-11-01T00:00:00Z'), H) ?? 0).toISOString()).toBe(
      '2026-11-01T14:00:00.000Z',
    );
  });

  it('works a night shift over a DST change as the clock shows it: 7 hours in spring, 9 in autumn (Berlin)', () => {
    const nights = BusinessCalendar.parse({
      id: 'nights',
      timeZone: 'Europe/Berlin',
      weekly: { sat: [['22:00', '06:00']] },
    });
    // Sat 28 Mar 22:00 CET (21:00Z) → Sun 06:00 CEST (04:00Z); Sat 24 Oct 22:00 CEST (20:00Z) → Sun 06:00 CET (05:00Z)
    expect(businessMsBetween(nights, t('2026-03-28T00:00:00Z'), t('2026-03-30T00:00:00Z'))).toBe(7 * H);
    expect(businessMsBetween(nights, t('2026-10-24T00:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(9 * H);
    // A span ending inside the repeated hour works both passes up to that local time: 01:00–02:30 on 25 Oct is
    // 01:00–02:30 CEST (90 minutes) and 02:00–02:30 CET (30 minutes).
    const early = BusinessCalendar.parse({
      id: 'early',
      timeZone: 'Europe/Berlin',
      weekly: { sun: [['01:00', '02:30']] },
    });
    expect(businessMsBetween(early, t('2026-10-24T12:00:00Z'), t('2026-10-25T12:00:00Z'))).toBe(2 * H);
    // A span whose start equals its end is empty (the end of a day is written 24:00).
    const empty = BusinessCalendar.parse({
      id: 'empty',
      timeZone: 'UTC',
      weekly: { mon: [['09:00', '09:00']], tue: [['00:00', '24:00']] },
    });
    expect(businessMsBetween(empty, t('2026-11-30T00:00:00Z'), t('2026-12-02T00:00:00Z'))).toBe(24 * H);
  });

  it('counts business time between two instants', () => {
    // Thu 26 Nov 2026 12:00 Berlin → Mon 30 Nov 12:00 Berlin: Thu 5 h + Fri 8 h + Mon 3 h = 16 h
    expect(businessMsBetween(berlin, t('2026-11-26T11:00:00Z'), t('2026-11-30T11:00:00Z'))).toBe(16 * H);
  });

  it('rejects an unknown time zone by name', () => {
    const result = BusinessCalendar.safeParse({ id: 'x', timeZone: 'Mars/Olympus', weekly: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['timeZone']);
  });
});
