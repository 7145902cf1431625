import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type SlaMetric, SlaPolicy } from '../schema/sla';
import type { TicketStatus } from '../schema/ticket';
import { evaluatePolicy } from './evaluate';
import type { SlaTimeline } from './timeline';

const M = 60_000;
const START = Date.parse('2026-03-20T00:00:00Z'); // spans a DST change in both zones below

const calendars = ['Europe/Berlin', 'America/New_York', 'Asia/Shanghai'].map((timeZone) =>
  BusinessCalendar.parse({
    id: timeZone,
    timeZone,
    weekly: {
      mon: [['09:00', '17:00']],
      tue: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      wed: [['22:00', '06:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00']],
    },
    holidays: ['2026-03-23'],
  }),
);

const policyFor = (metric: SlaMetric, minutes: number, businessHours: boolean) =>
  SlaPolicy.parse({
    id: 'p',
    title: 'p',
    targets: [{ metric, priority: 'normal', targetMinutes: minutes, businessHours }],
  });

const statusArb = fc.constantFrom<TicketStatus>('new', 'open', 'pending', 'hold');
const timelineArb = fc
  .record({
    createdOffset: fc.integer({ min: 0, max: 7 * 24 * 60 }),
    changes: fc.array(fc.record({ after: fc.integer({ min: 1, max: 600 }), status: statusArb }), { maxLength: 8 }),
  })
  .map(({ createdOffset, changes }): SlaTimeline => {
    const createdAt = START + createdOffset * M;
    let at = createdAt;
    const statuses: SlaTimeline['statuses'] = [{ status: 'new', at: createdAt }];
    for (const change of changes) {
      at += change.after * M;
      statuses.push({ status: change.status, at });
    }
    return { createdAt, statuses, comments: [{ role: 'customer', at: createdAt }] };
  });

const metricArb = fc.constantFrom<SlaMetric>(
  'first_reply_time',
  'requester_wait_time',
  'agent_work_time',
  'resolution_time',
);

describe('SLA clock properties', () => {
  it('while a metric is active or paused, its time left never increases', () => {
    fc.assert(
      fc.property(
        timelineArb,
        metricArb,
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        (tl, metric, business, calendarIndex, a, b) => {
          const policy = policyFor(metric, 240, business);
          const calendar = calendars[calendarIndex % calendars.length];
          const first = tl.createdAt + Math.min(a, b) * M;
          const second = tl.createdAt + Math.max(a, b) * M;
          const [early] = evaluatePolicy({ timeline: tl, policy, calendar, now: first });
          const [late] = evaluatePolicy({ timeline: tl, policy, calendar, now: second });
          if (!early || !late) return;
          expect(late.msLeft).toBeLessThanOrEqual(early.msLeft);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pausing never moves a deadline earlier', () => {
    fc.assert(
      fc.property(
        timelineArb,
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 2 }),
        (tl, pauseAfter, pauseLength, calendarIndex) => {
          const policy = policyFor('requester_wait_time', 480, calendarIndex !== 0);
          const calendar = calendars[calendarIndex];
          const flat: SlaTimeline = { ...tl, statuses: [{ status: 'open', at: tl.createdAt }] };
          const paused: SlaTimeline = {
            ...flat,
            statuses: [
              { status: 'open', at: tl.createdAt },
              { status: 'pending', at: tl.createdAt + pauseAfter * M },
              { status: 'open', at: tl.createdAt + (pauseAfter + pauseLength) * M },
            ],
          };
          const now = tl.createdAt + (pauseAfter + pauseLength + 1) * M;
          const [without] = evaluatePolicy({ timeline: flat, policy, calendar, now });
          const [withPause] = evaluatePolicy({ timeline: paused, policy, calendar, now });
          if (!without?.deadline || !withPause?.deadline) return;
          expect(Date.parse(withPause.deadline)).toBeGreaterThanOrEqual(Date.parse(without.deadline));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('business time left never exceeds calendar time left', () => {
    fc.assert(
      fc.property(
        timelineArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 15, max: 2000 }),
        fc.integer({ min: 0, max: 5000 }),
        (tl, calendarIndex, minutes, elapsed) => {
          const policy = policyFor('first_reply_time', minutes, true);
          const now = tl.createdAt + elapsed * M;
          const [result] = evaluatePolicy({ timeline: tl, policy, calendar: calendars[calendarIndex], now });
          if (result?.state !== 'active' || !result.deadline || result.msLeft <= 0) return;
          expect(result.msLeft).toBeLessThanOrEqual(Date.parse(result.deadline) - now);
        },
      ),
      { numRuns: 300 },
    );
  });
});
