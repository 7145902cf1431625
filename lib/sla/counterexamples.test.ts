import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type SlaMetric, SlaPolicy } from '../schema/sla';
import type { TicketContext } from '../schema/ticket';
import { businessMsBetween } from './calendar';
import { evaluateSla } from './index';

/*
 * Lives on which the engine and the independent reference model (test/sla-reference) once disagreed, as fast-check
 * shrank them; each expected value was checked by hand against the rules in docs/admin/tiers-and-sla.md.
 */

const M = 60_000;
const office: [string, string][] = [['09:00', '17:00']];
const weekdays = { mon: office, tue: office, wed: office, thu: office, fri: office };

function run(
  ticket: Partial<TicketContext> & { createdAt: string },
  targets: [SlaMetric, number, boolean][],
  calendar: BusinessCalendar,
  now: string,
) {
  const policy = SlaPolicy.parse({
    id: 'p',
    title: 'p',
    targets: targets.map(([metric, targetMinutes, businessHours]) => ({
      metric,
      priority: 'normal',
      targetMinutes,
      businessHours,
    })),
  });
  const { metrics } = evaluateSla({
    ticket: { comments: [], statusHistory: [], tags: [], priority: 'normal', ...ticket },
    policies: [policy],
    calendars: [calendar],
    now: Date.parse(now),
  });
  return Object.fromEntries(metrics.map((m) => [m.metric, m]));
}

/** The customer opens the ticket and an agent answers in the same instant. */
const answeredAtOnce = (created: string) => [
  { authorRole: 'customer' as const, at: created },
  { authorRole: 'agent' as const, at: created },
];

const berlin = (weekly: BusinessCalendar['weekly']) =>
  BusinessCalendar.parse({ id: 'berlin', timeZone: 'Europe/Berlin', weekly });

describe('counterexamples the reference model found', () => {
  it('at the very instant a ticket is created its clocks are running, not paused', () => {
    const created = '2026-03-29T00:00:00.000Z';
    const clocks = run(
      { createdAt: created, comments: [{ authorRole: 'customer', at: created }] },
      [
        ['requester_wait_time', 149, false],
        ['agent_work_time', 186, false],
      ],
      berlin(weekdays),
      created,
    );
    expect(clocks.requester_wait_time).toMatchObject({
      state: 'active',
      msLeft: 149 * M,
      deadline: '2026-03-29T02:29:00.000Z',
    });
    expect(clocks.agent_work_time).toMatchObject({ state: 'active', deadline: '2026-03-29T03:06:00.000Z' });
  });

  it('two spans over the same hours are working time once (Kolkata, Wednesday 02:00–17:45 and 08:15–17:45)', () => {
    const kolkata = BusinessCalendar.parse({
      id: 'kolkata',
      timeZone: 'Asia/Kolkata',
      weekly: {
        wed: [
          ['02:00', '17:45'],
          ['08:15', '17:45'],
        ],
        mon: [['00:00', '00:15']],
      },
    });
    // Created Wednesday 17:44 local; one working minute until 17:45, the other 14 on Monday from 00:00 local.
    const clocks = run(
      { createdAt: '2026-08-12T12:14:00.000Z', comments: [{ authorRole: 'customer', at: '2026-08-12T12:14:00.000Z' }] },
      [['first_reply_time', 15, true]],
      kolkata,
      '2026-08-12T12:15:00.000Z',
    );
    expect(clocks.first_reply_time).toMatchObject({
      state: 'active',
      msLeft: 14 * M,
      deadline: '2026-08-16T18:44:00.000Z',
    });
  });

  it('an agent’s reply in the very instant the customer opens the ticket is its first reply', () => {
    const created = '2026-03-29T00:00:00.000Z';
    const clocks = run(
      { createdAt: created, comments: answeredAtOnce(created) },
      [['first_reply_time', 30, false]],
      berlin(weekdays),
      '2026-03-29T01:00:00.000Z',
    );
    expect(clocks.first_reply_time).toMatchObject({ state: 'fulfilled', breached: false, msLeft: 30 * M });
  });

  it('closing a solved ticket fulfils the reply a customer’s late comment was owed', () => {
    const created = '2026-03-29T00:00:00.000Z';
    const clocks = run(
      {
        createdAt: created,
        comments: [...answeredAtOnce(created), { authorRole: 'customer', at: '2026-03-29T00:01:00.000Z' }],
        statusHistory: [
          { status: 'solved', at: created },
          { status: 'closed', at: '2026-03-29T00:01:00.000Z' },
        ],
      },
      [['next_reply_time', 38, false]],
      berlin(weekdays),
      '2026-03-29T00:05:00.000Z',
    );
    expect(clocks.next_reply_time).toMatchObject({ state: 'fulfilled', breached: false, msLeft: 38 * M });
  });

  it('the night the clocks go back, a Saturday night shift and Sunday’s span work the repeated hour twice (Berlin)', () => {
    const calendar = berlin({
      ...weekdays,
      mon: [...office, ['00:00', '00:15']],
      sat: [['17:15', '02:15']],
      sun: [['00:00', '02:30']],
    });
    // From 02:00 CEST on 25 Oct 2026: 02:00–02:30 once before the change and again after it (60 minutes), Monday
    // 00:00–00:15 (15), then Monday from 09:00 CET.
    const created = '2026-10-25T00:00:00.000Z';
    expect(businessMsBetween(calendar, Date.parse(created), Date.parse('2026-10-26T00:00:00Z'))).toBe(75 * M);
    const clocks = run(
      { createdAt: created, comments: [{ authorRole: 'customer', at: created }] },
      [
        ['requester_wait_time', 149, true],
        ['resolution_time', 223, true],
      ],
      calendar,
      created,
    );
    expect(clocks.requester_wait_time).toMatchObject({ deadline: '2026-10-26T09:14:00.000Z' });
    expect(clocks.resolution_time).toMatchObject({ deadline: '2026-10-26T10:28:00.000Z' });
  });

  it('a ticket a team member opened (an internal note, no request from the customer) has no first reply target', () => {
    const created = '2026-03-29T00:00:00.000Z';
    const clocks = run(
      { createdAt: created, openedBy: 'agent' },
      [
        ['first_reply_time', 60, false],
        ['requester_wait_time', 149, false],
      ],
      berlin(weekdays),
      created,
    );
    expect(clocks.first_reply_time).toBeUndefined();
    expect(clocks.requester_wait_time).toMatchObject({ state: 'active' });
  });
});
