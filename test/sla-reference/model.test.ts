/**
 * Hand-computed examples showing the reference model behaves as the rules in README.md say. Every expected value was
 * worked out on paper from the timeline in the test, not by running the model.
 */
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, SlaMetric, SlaPolicy } from '../../lib/schema/sla';
import { WorkingMinutes } from './calendar';
import { type ReferenceInput, type ReferenceMetric, simulateSla } from './model';

const nineToFive: [string, string][] = [['09:00', '17:00']];

function calendar(weekly: BusinessCalendar['weekly'], holidays: string[] = []): BusinessCalendar {
  return { id: 'cal', timeZone: 'Europe/Berlin', weekly, holidays };
}

const weekdays = calendar({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });

function policy(targets: [SlaMetric, number, boolean?][], priority: 'low' | 'normal' | 'high' | 'urgent' = 'normal') {
  return {
    id: 'p',
    title: 'Policy',
    conditions: {},
    targets: targets.map(([metric, targetMinutes, businessHours]) => ({
      metric,
      priority,
      targetMinutes,
      businessHours: businessHours ?? false,
    })),
  } satisfies SlaPolicy;
}

const customer = (at: string) => ({ authorRole: 'customer' as const, public: true, at });
const agent = (at: string) => ({ authorRole: 'agent' as const, public: true, at });
const note = (at: string) => ({ authorRole: 'agent' as const, public: false, at });

function run(input: Partial<ReferenceInput> & Pick<ReferenceInput, 'createdAt' | 'policy' | 'now'>) {
  const out = simulateSla({ comments: [], statusHistory: [], calendar: weekdays, ...input });
  return Object.fromEntries(out.map((m) => [m.metric, m])) as Partial<Record<SlaMetric, ReferenceMetric>>;
}

describe('SLA reference model: business calendar', () => {
  it('a weekend does not count: 120 business minutes from Friday 16:00 end Monday 10:00', () => {
    // Berlin is UTC+1 in March before the 31st. Fri 15 Mar 16:00 local = 15:00Z. Friday 16:00–17:00 = 60, Monday
    // 09:00–10:00 = 60, so the deadline is Mon 18 Mar 10:00 local = 09:00Z. On Saturday 12:00 local nothing more has
    // been counted since Friday 17:00. The calendar-hours requester wait time (120) ran out at 15:00Z + 120 minutes =
    // Friday 17:00Z; by Saturday 11:00Z it has counted 20 h = 1200 minutes.
    const m = run({
      createdAt: '2024-03-15T15:00:00Z',
      comments: [customer('2024-03-15T15:00:00Z')],
      policy: policy([
        ['first_reply_time', 120, true],
        ['requester_wait_time', 120],
      ]),
      now: '2024-03-16T11:00:00Z',
    });
    expect(m.first_reply_time).toEqual({
      metric: 'first_reply_time',
      state: 'active',
      breached: false,
      deadline: '2024-03-18T09:00:00.000Z',
      remainingMinutes: 60,
    });
    expect(m.requester_wait_time).toEqual({
      metric: 'requester_wait_time',
      state: 'active',
      breached: true,
      deadline: '2024-03-15T17:00:00.000Z',
      remainingMinutes: -1080,
    });
  });

  it('a business target used up at Friday 17:00 is breached over the weekend with 0 business minutes left', () => {
    // Created Fri 15 Mar 13:00 local (12:00Z), 240 business minutes: deadline Fri 17:00 local = 16:00Z. On Saturday
    // the clock is still running (not paused), past the deadline: breached, although no business minute has been
    // counted beyond the target yet (README §6).
    const m = run({
      createdAt: '2024-03-15T12:00:00Z',
      policy: policy([['agent_work_time', 240, true]]),
      now: '2024-03-16T10:00:00Z',
    });
    expect(m.agent_work_time).toEqual({
      metric: 'agent_work_time',
      state: 'active',
      breached: true,
      deadline: '2024-03-15T16:00:00.000Z',
      remainingMinutes: 0,
    });
  });

  it('a holiday does not count: Tuesday 16:00 + 120 business minutes skips Wednesday 1 May', () => {
    // Berlin is UTC+2 in May. Tue 30 Apr 16:00 local = 14:00Z: Tuesday 16–17 = 60, Wednesday 1 May is a holiday,
    // Thursday 09–10 = 60: deadline Thu 2 May 10:00 local = 08:00Z.
    const m = run({
      createdAt: '2024-04-30T14:00:00Z',
      calendar: { ...weekdays, holidays: ['2024-05-01'] },
      policy: policy([['first_reply_time', 120, true]]),
      now: '2024-04-30T14:00:00Z',
    });
    expect(m.first_reply_time?.deadline).toBe('2024-05-02T08:00:00.000Z');
    expect(m.first_reply_time?.remainingMinutes).toBe(120);
  });

  it('an overnight shift belongs to the day it starts: it runs into a holiday, and not at all when it starts on one', () => {
    // Shifts Tue 22:00–02:00 and Wed 22:00–02:00; Wednesday 1 May is a holiday. Created Tue 30 Apr 21:00 local
    // (19:00Z), 300 business minutes: Tuesday's shift runs 22:00–02:00 (240, its Wednesday morning part included),
    // Wednesday's shift starts on the holiday and does not run, the next shift is Tue 7 May from 22:00: 60 more,
    // deadline Tue 7 May 23:00 local = 21:00Z.
    const overnight: [string, string][] = [['22:00', '02:00']];
    const m = run({
      createdAt: '2024-04-30T19:00:00Z',
      calendar: calendar({ tue: overnight, wed: overnight }, ['2024-05-01']),
      policy: policy([['agent_work_time', 300, true]]),
      now: '2024-04-30T19:00:00Z',
    });
    expect(m.agent_work_time?.deadline).toBe('2024-05-07T21:00:00.000Z');
  });

  it('spring forward in Europe/Berlin: the overnight shift 22:00–06:00 is 7 real hours', () => {
    // Sat 30 Mar 2024 22:00 CET = 21:00Z to Sun 31 Mar 06:00 CEST = 04:00Z: 420 real minutes, 02:00–03:00 never
    // happens. 420 business minutes end exactly at 04:00Z; one minute more has to wait for the next Saturday shift,
    // Sat 6 Apr 22:00 CEST = 20:00Z, so 421 minutes end 20:01Z.
    const sat = calendar({ sat: [['22:00', '06:00']] });
    const base = { createdAt: '2024-03-30T21:00:00Z', calendar: sat, now: '2024-03-30T21:00:00Z' };
    expect(run({ ...base, policy: policy([['agent_work_time', 420, true]]) }).agent_work_time?.deadline).toBe(
      '2024-03-31T04:00:00.000Z',
    );
    expect(run({ ...base, policy: policy([['agent_work_time', 421, true]]) }).agent_work_time?.deadline).toBe(
      '2024-04-06T20:01:00.000Z',
    );
  });

  it('fall back in Europe/Berlin: the overnight shift 22:00–06:00 is 9 real hours, and counting is by real minutes', () => {
    // Sat 26 Oct 2024 22:00 CEST = 20:00Z to Sun 27 Oct 06:00 CET = 05:00Z: 540 real minutes (02:00–03:00 twice).
    // At Sun 05:00 CET = 04:00Z, 480 minutes have been counted: 60 left.
    const m = run({
      createdAt: '2024-10-26T20:00:00Z',
      calendar: calendar({ sat: [['22:00', '06:00']] }),
      policy: policy([['agent_work_time', 540, true]]),
      now: '2024-10-27T04:00:00Z',
    });
    expect(m.agent_work_time).toEqual({
      metric: 'agent_work_time',
      state: 'active',
      breached: false,
      deadline: '2024-10-27T05:00:00.000Z',
      remainingMinutes: 60,
    });
  });

  it('looks up local time per minute, across the DST change', () => {
    const hours = new WorkingMinutes(calendar({ sun: [['01:00', '04:00']] }));
    // 31 Mar 2024: 00:59Z is 01:59 CET; one minute later, 01:00Z, is 03:00 CEST.
    expect(hours.local(Date.parse('2024-03-31T00:59:00Z') / 60_000)).toEqual({
      date: '2024-03-31',
      weekday: 'sun',
      minuteOfDay: 119,
    });
    expect(hours.local(Date.parse('2024-03-31T01:00:00Z') / 60_000).minuteOfDay).toBe(180);
    // The span 01:00–04:00 local is 2 real hours that night: 00:00Z–02:00Z.
    let count = 0;
    for (let t = Date.parse('2024-03-30T22:00:00Z') / 60_000; t < Date.parse('2024-03-31T06:00:00Z') / 60_000; t++) {
      if (hours.isWorking(t)) count++;
    }
    expect(count).toBe(120);
  });
});

describe('SLA reference model: ticket life', () => {
  const allTargets = policy([
    ['first_reply_time', 60],
    ['next_reply_time', 60],
    ['periodic_update_time', 120],
    ['requester_wait_time', 240],
    ['agent_work_time', 180],
    ['resolution_time', 600],
  ]);
  // 08:00 customer opens; 08:30 agent replies and solves; 10:00 customer replies, ticket reopens; 10:45 internal note;
  // 11:30 agent replies and sets pending; 12:30 solved.
  const reopenCycle = {
    createdAt: '2024-06-03T08:00:00Z',
    policy: allTargets,
    comments: [
      customer('2024-06-03T08:00:00Z'),
      agent('2024-06-03T08:30:00Z'),
      customer('2024-06-03T10:00:00Z'),
      note('2024-06-03T10:45:00Z'),
      agent('2024-06-03T11:30:00Z'),
    ],
    statusHistory: [
      { status: 'solved' as const, at: '2024-06-03T08:30:00Z' },
      { status: 'open' as const, at: '2024-06-03T10:00:00Z' },
      { status: 'pending' as const, at: '2024-06-03T11:30:00Z' },
      { status: 'solved' as const, at: '2024-06-03T12:30:00Z' },
    ],
  };

  it('solve → customer reply reopens → solve again', () => {
    const m = run({ ...reopenCycle, now: '2024-06-03T13:00:00Z' });
    // First reply at 08:30: 30 of 60 used. It is never activated again.
    expect(m.first_reply_time).toEqual({
      metric: 'first_reply_time',
      state: 'fulfilled',
      breached: false,
      remainingMinutes: 30,
    });
    // Next reply: activated by the 10:00 comment, the internal note does not answer it, the 11:30 reply does: 90 of
    // 60, breached at 11:00.
    expect(m.next_reply_time).toEqual({
      metric: 'next_reply_time',
      state: 'fulfilled',
      breached: true,
      deadline: '2024-06-03T11:00:00.000Z',
      remainingMinutes: -30,
    });
    // Periodic update: the latest instance started at 11:30 (runs in pending) and was closed by the solve at 12:30.
    expect(m.periodic_update_time).toEqual({
      metric: 'periodic_update_time',
      state: 'fulfilled',
      breached: false,
      remainingMinutes: 60,
    });
    // Requester wait: 08:00–08:30 (30) + 10:00–11:30 (90), paused in pending, fulfilled at solve: 120 of 240.
    expect(m.requester_wait_time).toMatchObject({ state: 'fulfilled', breached: false, remainingMinutes: 120 });
    // Agent work: same 120 (no hold here), of 180.
    expect(m.agent_work_time).toMatchObject({ state: 'fulfilled', breached: false, remainingMinutes: 60 });
    // Resolution: 08:00–08:30 (30) + 10:00–12:30 (150, pending included), solved time excluded: 180 of 600.
    expect(m.resolution_time).toMatchObject({ state: 'fulfilled', breached: false, remainingMinutes: 420 });
  });

  it('a second reopen resumes the wait, work and resolution clocks and starts a new next-reply cycle', () => {
    const input = {
      ...reopenCycle,
      comments: [...reopenCycle.comments, customer('2024-06-03T13:00:00Z')],
      statusHistory: [...reopenCycle.statusHistory, { status: 'open' as const, at: '2024-06-03T13:00:00Z' }],
    };
    // At 14:00: next reply 60 of 60 used (deadline now, not yet breached); wait 120 + 60 = 180 of 240; work 120 + 60
    // = 180 of 180; resolution 180 + 60 = 240 of 600.
    const at14 = run({ ...input, now: '2024-06-03T14:00:00Z' });
    expect(at14.first_reply_time).toMatchObject({ state: 'fulfilled', remainingMinutes: 30 });
    expect(at14.next_reply_time).toEqual({
      metric: 'next_reply_time',
      state: 'active',
      breached: false,
      deadline: '2024-06-03T14:00:00.000Z',
      remainingMinutes: 0,
    });
    expect(at14.requester_wait_time).toEqual({
      metric: 'requester_wait_time',
      state: 'active',
      breached: false,
      deadline: '2024-06-03T15:00:00.000Z',
      remainingMinutes: 60,
    });
    expect(at14.agent_work_time).toMatchObject({ state: 'active', breached: false, remainingMinutes: 0 });
    expect(at14.resolution_time).toMatchObject({ deadline: '2024-06-03T20:00:00.000Z', remainingMinutes: 360 });
    // No agent reply since the reopen: no periodic update target is running.
    expect(at14.periodic_update_time).toMatchObject({ state: 'fulfilled', remainingMinutes: 60 });

    // One minute later both the next reply and the agent work targets are breached.
    const at1401 = run({ ...input, now: '2024-06-03T14:01:00Z' });
    expect(at1401.next_reply_time).toMatchObject({
      breached: true,
      deadline: '2024-06-03T14:00:00.000Z',
      remainingMinutes: -1,
    });
    expect(at1401.agent_work_time).toMatchObject({
      breached: true,
      deadline: '2024-06-03T14:00:00.000Z',
      remainingMinutes: -1,
    });
  });

  it('pending pauses wait, work and pausable update but not periodic update; hold pauses only agent work', () => {
    // 08:00 customer opens; 08:20 agent replies and sets pending; 10:20 customer replies, ticket open; 10:50 on hold.
    const m = run({
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([
        ['periodic_update_time', 60],
        ['pausable_update_time', 60],
        ['requester_wait_time', 120],
        ['agent_work_time', 30],
      ]),
      comments: [customer('2024-06-03T08:00:00Z'), agent('2024-06-03T08:20:00Z'), customer('2024-06-03T10:20:00Z')],
      statusHistory: [
        { status: 'pending', at: '2024-06-03T08:20:00Z' },
        { status: 'open', at: '2024-06-03T10:20:00Z' },
        { status: 'hold', at: '2024-06-03T10:50:00Z' },
      ],
      now: '2024-06-03T11:20:00Z',
    });
    // Periodic update since 08:20, pending included: 180 of 60, breached at 09:20.
    expect(m.periodic_update_time).toEqual({
      metric: 'periodic_update_time',
      state: 'active',
      breached: true,
      deadline: '2024-06-03T09:20:00.000Z',
      remainingMinutes: -120,
    });
    // Pausable update since 08:20, paused 08:20–10:20: 10:20–11:20 (hold counts) = 60 of 60, due now.
    expect(m.pausable_update_time).toEqual({
      metric: 'pausable_update_time',
      state: 'active',
      breached: false,
      deadline: '2024-06-03T11:20:00.000Z',
      remainingMinutes: 0,
    });
    // Requester wait: 08:00–08:20 (20) + 10:20–11:20 (60, hold counts) = 80 of 120.
    expect(m.requester_wait_time).toEqual({
      metric: 'requester_wait_time',
      state: 'active',
      breached: false,
      deadline: '2024-06-03T12:00:00.000Z',
      remainingMinutes: 40,
    });
    // Agent work: 08:00–08:20 (20) + 10:20–10:50 (30) = 50 of 30; used up at 10:30 while running: breached then;
    // paused on hold since 10:50, the deadline stays the breach instant.
    expect(m.agent_work_time).toEqual({
      metric: 'agent_work_time',
      state: 'paused',
      breached: true,
      deadline: '2024-06-03T10:30:00.000Z',
      remainingMinutes: -20,
    });
  });

  it('a paused target that is not breached has no deadline', () => {
    const m = run({
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([['requester_wait_time', 120]]),
      comments: [customer('2024-06-03T08:00:00Z'), agent('2024-06-03T08:20:00Z')],
      statusHistory: [{ status: 'pending', at: '2024-06-03T08:20:00Z' }],
      now: '2024-06-05T08:00:00Z',
    });
    expect(m.requester_wait_time).toEqual({
      metric: 'requester_wait_time',
      state: 'paused',
      breached: false,
      remainingMinutes: 100,
    });
  });

  it('a reply exactly at the deadline meets it; a minute later breaches it', () => {
    const base = {
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([['first_reply_time', 60]]),
      now: '2024-06-03T12:00:00Z',
    };
    const onTime = run({ ...base, comments: [customer('2024-06-03T08:00:00Z'), agent('2024-06-03T09:00:00Z')] });
    expect(onTime.first_reply_time).toEqual({
      metric: 'first_reply_time',
      state: 'fulfilled',
      breached: false,
      remainingMinutes: 0,
    });
    const late = run({ ...base, comments: [customer('2024-06-03T08:00:00Z'), agent('2024-06-03T09:01:00Z')] });
    expect(late.first_reply_time).toEqual({
      metric: 'first_reply_time',
      state: 'fulfilled',
      breached: true,
      deadline: '2024-06-03T09:00:00.000Z',
      remainingMinutes: -1,
    });
  });

  it('solving without a reply closes first reply time; a breach before the solve stays, none comes after it', () => {
    const base = {
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([['first_reply_time', 60]]),
      comments: [customer('2024-06-03T08:00:00Z')],
      now: '2024-06-04T08:00:00Z',
    };
    // Solved at 08:40: 40 of 60 used, closed, never breached however late `now` is.
    expect(
      run({ ...base, statusHistory: [{ status: 'solved', at: '2024-06-03T08:40:00Z' }] }).first_reply_time,
    ).toEqual({ metric: 'first_reply_time', state: 'fulfilled', breached: false, remainingMinutes: 20 });
    // Solved at 09:30: breached at 09:00 while still running, 90 of 60 used.
    expect(
      run({ ...base, statusHistory: [{ status: 'solved', at: '2024-06-03T09:30:00Z' }] }).first_reply_time,
    ).toEqual({
      metric: 'first_reply_time',
      state: 'fulfilled',
      breached: true,
      deadline: '2024-06-03T09:00:00.000Z',
      remainingMinutes: -30,
    });
  });

  it('closed is final: a later customer comment or status change does not reopen anything', () => {
    const m = run({
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([
        ['next_reply_time', 60],
        ['requester_wait_time', 120],
      ]),
      comments: [customer('2024-06-03T08:00:00Z'), agent('2024-06-03T08:10:00Z'), customer('2024-06-03T10:00:00Z')],
      statusHistory: [
        { status: 'solved', at: '2024-06-03T08:10:00Z' },
        { status: 'closed', at: '2024-06-03T09:00:00Z' },
        { status: 'open', at: '2024-06-03T10:00:00Z' },
      ],
      now: '2024-06-03T12:00:00Z',
    });
    expect(m.next_reply_time).toBeUndefined();
    expect(m.requester_wait_time).toEqual({
      metric: 'requester_wait_time',
      state: 'fulfilled',
      breached: false,
      remainingMinutes: 110,
    });
  });

  it('internal notes neither answer the customer nor count as updates', () => {
    const m = run({
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([
        ['first_reply_time', 60],
        ['periodic_update_time', 60],
      ]),
      comments: [customer('2024-06-03T08:00:00Z'), note('2024-06-03T08:10:00Z')],
      now: '2024-06-03T08:40:00Z',
    });
    expect(m.first_reply_time).toMatchObject({ state: 'active', remainingMinutes: 20 });
    // No public agent comment yet: no periodic update target has been activated.
    expect(m.periodic_update_time).toBeUndefined();
  });

  it('a ticket opened by an agent does not activate first reply time; a later customer comment starts next reply', () => {
    const m = run({
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([
        ['first_reply_time', 60],
        ['next_reply_time', 60],
      ]),
      comments: [agent('2024-06-03T08:00:00Z'), customer('2024-06-03T09:00:00Z')],
      now: '2024-06-03T09:30:00Z',
    });
    expect(m.first_reply_time).toBeUndefined();
    expect(m.next_reply_time).toMatchObject({ state: 'active', remainingMinutes: 30 });
  });

  it('next reply runs from the oldest unanswered customer comment; further customer comments do not restart it', () => {
    const m = run({
      createdAt: '2024-06-03T08:00:00Z',
      policy: policy([['next_reply_time', 60]]),
      comments: [
        customer('2024-06-03T08:00:00Z'),
        agent('2024-06-03T08:05:00Z'),
        customer('2024-06-03T09:00:00Z'),
        customer('2024-06-03T09:40:00Z'),
      ],
      now: '2024-06-03T09:50:00Z',
    });
    expect(m.next_reply_time).toMatchObject({
      state: 'active',
      remainingMinutes: 10,
      deadline: '2024-06-03T10:00:00.000Z',
    });
  });

  it('only the targets of the ticket priority are used; no priority means normal', () => {
    const targets = policy([['first_reply_time', 30]], 'urgent').targets.concat(
      policy([['first_reply_time', 240]], 'normal').targets,
    );
    const input = {
      createdAt: '2024-06-03T08:00:00Z',
      policy: { ...policy([]), targets },
      now: '2024-06-03T08:10:00Z',
    };
    expect(run({ ...input, priority: 'urgent' }).first_reply_time?.remainingMinutes).toBe(20);
    expect(run(input).first_reply_time?.remainingMinutes).toBe(230);
    expect(run({ ...input, priority: 'low' }).first_reply_time).toBeUndefined();
  });
});
