import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type SlaMetric, SlaPolicy } from '../schema/sla';
import type { TicketStatus } from '../schema/ticket';
import { evaluatePolicy } from './evaluate';
import { fromSalesforceMilestones } from './helpdesk';
import type { SlaTimeline } from './timeline';

/*
 * Hand-computed cases for tickets that are solved and reopened, worked out from Zendesk's documentation (the rule
 * each case relies on is cited in docs/admin/tiers-and-sla.md, "Over a ticket's whole life").
 */

const M = 60_000;
const T0 = Date.parse('2026-11-23T08:00:00Z'); // a Monday
const at = (minutes: number) => T0 + minutes * M;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

function policy(metric: SlaMetric, targetMinutes: number, businessHours = false) {
  return SlaPolicy.parse({
    id: `p-${metric}`,
    title: metric,
    targets: [{ metric, priority: 'normal', targetMinutes, businessHours }],
  });
}

/** A life written as minutes after T0: `c` customer comment, `a` agent comment, anything else a status. */
function life(...steps: [number, 'c' | 'a' | TicketStatus][]): SlaTimeline {
  const timeline: SlaTimeline = { createdAt: T0, statuses: [{ status: 'new', at: T0 }], comments: [] };
  for (const [minute, step] of steps) {
    if (step === 'c') timeline.comments.push({ role: 'customer', at: at(minute) });
    else if (step === 'a') timeline.comments.push({ role: 'agent', at: at(minute) });
    else timeline.statuses.push({ status: step, at: at(minute) });
  }
  return timeline;
}

function clock(timeline: SlaTimeline, metric: SlaMetric, targetMinutes: number, nowMinute: number) {
  const results = evaluatePolicy({ timeline, policy: policy(metric, targetMinutes), now: at(nowMinute) });
  expect(results).toHaveLength(1);
  return results[0] as NonNullable<(typeof results)[0]>;
}

describe('SLA clocks over a ticket’s whole life (solve → reopen → solve)', () => {
  // Solved after a reply; the customer writes again two hours later and Zendesk reopens the ticket.
  const reopenedByCustomer = life([0, 'c'], [10, 'a'], [10, 'open'], [60, 'solved'], [120, 'open'], [120, 'c']);

  it('next reply: the customer’s reply that reopens a solved ticket starts a countdown (the bug in issue 19)', () => {
    expect(clock(reopenedByCustomer, 'next_reply_time', 60, 150)).toMatchObject({
      state: 'active',
      breached: false,
      cycle: 1,
      msLeft: 30 * M,
      deadline: iso(180),
    });
    // Answered at 170 minutes: met with 10 minutes to spare.
    const answered = life([0, 'c'], [10, 'a'], [10, 'open'], [60, 'solved'], [120, 'open'], [120, 'c'], [170, 'a']);
    expect(clock(answered, 'next_reply_time', 60, 200)).toMatchObject({
      state: 'fulfilled',
      breached: false,
      msLeft: 10 * M,
      cycle: 1,
    });
  });

  it('first reply stays fulfilled by the first reply before the solve; the reopen does not restart it', () => {
    expect(clock(reopenedByCustomer, 'first_reply_time', 60, 150)).toMatchObject({
      state: 'fulfilled',
      breached: false,
      msLeft: 50 * M,
      cycle: 1,
    });
  });

  it('first reply is fulfilled by a solve without a reply; the reopening comment then starts next reply', () => {
    const solvedUnanswered = life([0, 'c'], [30, 'solved'], [90, 'open'], [90, 'c']);
    expect(clock(solvedUnanswered, 'first_reply_time', 60, 100)).toMatchObject({
      state: 'fulfilled',
      breached: false,
      msLeft: 30 * M,
    });
    expect(clock(solvedUnanswered, 'next_reply_time', 60, 100)).toMatchObject({
      state: 'active',
      cycle: 1,
      msLeft: 50 * M,
      deadline: iso(150),
    });
  });

  it('a ticket an agent opened has no first reply target; the customer’s answer is owed a next reply', () => {
    const agentCreated = life([0, 'a'], [20, 'c'], [50, 'a']);
    expect(evaluatePolicy({ timeline: agentCreated, policy: policy('first_reply_time', 60), now: at(60) })).toEqual([]);
    expect(clock(agentCreated, 'next_reply_time', 60, 60)).toMatchObject({
      state: 'fulfilled',
      cycle: 1,
      msLeft: 30 * M,
    });
  });

  it('customer comments before the first reply wait for it; they start no next-reply cycle', () => {
    const waiting = life([0, 'c'], [20, 'c'], [50, 'a']);
    expect(clock(waiting, 'first_reply_time', 60, 60)).toMatchObject({ state: 'fulfilled', msLeft: 10 * M });
    expect(evaluatePolicy({ timeline: waiting, policy: policy('next_reply_time', 60), now: at(60) })).toEqual([]);
  });

  it('a comment on a ticket the history keeps solved waits, paused, for a reopen; an agent’s reopen owes no reply', () => {
    const stillSolved = life([0, 'c'], [10, 'a'], [60, 'solved'], [90, 'c']);
    expect(clock(stillSolved, 'requester_wait_time', 600, 120)).toMatchObject({ state: 'fulfilled', cycle: 1 });
    expect(clock(stillSolved, 'next_reply_time', 60, 120)).toMatchObject({
      state: 'paused',
      cycle: 1,
      msLeft: 60 * M,
      deadline: undefined,
    });
    const agentReopened = life([0, 'c'], [10, 'a'], [60, 'solved'], [100, 'open']);
    expect(evaluatePolicy({ timeline: agentReopened, policy: policy('next_reply_time', 60), now: at(120) })).toEqual(
      [],
    );
    expect(clock(agentReopened, 'requester_wait_time', 600, 120)).toMatchObject({
      state: 'active',
      cycle: 2,
      msLeft: (600 - 60 - 20) * M,
    });
  });

  describe('periodic and pausable update', () => {
    const updates = life(
      [0, 'c'],
      [10, 'a'],
      [10, 'open'],
      [40, 'pending'],
      [70, 'solved'],
      [200, 'open'],
      [200, 'c'],
      [250, 'a'],
    );

    it('a solve fulfils the running cycle: periodic counts pending, pausable does not', () => {
      expect(clock(updates, 'periodic_update_time', 60, 100)).toMatchObject({
        state: 'fulfilled',
        breached: false,
        msLeft: 0,
        cycle: 1,
      });
      expect(clock(updates, 'pausable_update_time', 60, 100)).toMatchObject({
        state: 'fulfilled',
        msLeft: 30 * M,
        cycle: 1,
      });
    });

    it('a reopen alone owes no update: the clock stays as the solve left it until the next public reply', () => {
      expect(clock(updates, 'periodic_update_time', 60, 230)).toMatchObject({
        state: 'fulfilled',
        cycle: 1,
        msLeft: 0,
      });
      expect(clock(updates, 'pausable_update_time', 60, 230)).toMatchObject({
        state: 'fulfilled',
        cycle: 1,
        msLeft: 30 * M,
      });
    });

    it('after a reopen the next public reply brings the clock back (the issue’s second bug), with the previous outcome', () => {
      expect(clock(updates, 'periodic_update_time', 60, 260)).toMatchObject({
        state: 'active',
        cycle: 2,
        msLeft: 50 * M,
        deadline: iso(310),
        previous: { cycle: 1, breached: false, msLeft: 0, fulfilledAt: iso(70) },
      });
    });

    it('one update is one SLA evaluation: a reply that reopens owes the next update, one sent with “solved” owes none', () => {
      const reopenWithReply = life([0, 'c'], [10, 'a'], [60, 'solved'], [100, 'a'], [100, 'open']);
      expect(clock(reopenWithReply, 'periodic_update_time', 60, 110)).toMatchObject({
        state: 'active',
        cycle: 2,
        msLeft: 50 * M,
      });
      const solvedWithReply = life([0, 'c'], [10, 'a'], [40, 'a'], [40, 'solved']);
      expect(clock(solvedWithReply, 'periodic_update_time', 60, 110)).toMatchObject({
        state: 'fulfilled',
        cycle: 1,
        msLeft: 30 * M,
      });
    });
  });

  describe('requester wait, agent work and resolution accumulate over every unsolved stretch', () => {
    const cumulative = life([60, 'hold'], [120, 'pending'], [180, 'solved'], [300, 'open']);

    it('while solved they are fulfilled with what the first stretch used', () => {
      expect(clock(cumulative, 'requester_wait_time', 600, 200)).toMatchObject({
        state: 'fulfilled',
        cycle: 1,
        msLeft: 480 * M,
      });
      expect(clock(cumulative, 'agent_work_time', 600, 200)).toMatchObject({ state: 'fulfilled', msLeft: 540 * M });
      expect(clock(cumulative, 'resolution_time', 600, 200)).toMatchObject({ state: 'fulfilled', msLeft: 420 * M });
    });

    it('reopened, they resume from where they stopped, as cycle 2', () => {
      expect(clock(cumulative, 'requester_wait_time', 600, 330)).toMatchObject({
        state: 'active',
        cycle: 2,
        msLeft: 450 * M,
        deadline: iso(780),
        previous: { cycle: 1, breached: false, msLeft: 480 * M, fulfilledAt: iso(180) },
      });
      expect(clock(cumulative, 'agent_work_time', 600, 330)).toMatchObject({ state: 'active', msLeft: 510 * M });
      expect(clock(cumulative, 'resolution_time', 240, 330)).toMatchObject({
        state: 'active',
        msLeft: 30 * M,
        deadline: iso(360),
      });
    });

    it('a target used up only after the reopen is breached where the running total reached it', () => {
      expect(clock(cumulative, 'resolution_time', 200, 330)).toMatchObject({
        state: 'active',
        breached: true,
        msLeft: -10 * M,
        deadline: iso(320),
        level: 'breached',
        previous: { cycle: 1, breached: false, msLeft: 20 * M },
      });
    });

    it('three reopens make cycle 4; pending pauses requester wait in any of them', () => {
      const many = life(
        [30, 'solved'],
        [60, 'open'],
        [90, 'solved'],
        [120, 'open'],
        [150, 'solved'],
        [180, 'open'],
        [200, 'pending'],
      );
      expect(clock(many, 'requester_wait_time', 600, 240)).toMatchObject({
        state: 'paused',
        cycle: 4,
        msLeft: (600 - 30 - 30 - 30 - 20) * M,
        deadline: undefined,
      });
    });
  });

  it('business hours: a reopen on Friday afternoon counts down into Monday (Berlin, 09:00–17:00)', () => {
    const berlin = BusinessCalendar.parse({
      id: 'berlin',
      timeZone: 'Europe/Berlin',
      weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '17:00']]])),
    });
    const friday = Date.parse('2026-11-27T08:00:00Z'); // 09:00 in Berlin
    const timeline: SlaTimeline = {
      createdAt: friday,
      statuses: [
        { status: 'open', at: friday },
        { status: 'solved', at: friday + 60 * M },
        { status: 'open', at: friday + 450 * M }, // 16:30 Berlin
      ],
      comments: [
        { role: 'customer', at: friday },
        { role: 'agent', at: friday + 60 * M }, // "submit as solved" with the answer
        { role: 'customer', at: friday + 450 * M },
      ],
    };
    const [result] = evaluatePolicy({
      timeline,
      policy: policy('next_reply_time', 120, true),
      calendar: berlin,
      now: Date.parse('2026-11-28T12:00:00Z'),
    });
    expect(result).toMatchObject({
      state: 'active',
      cycle: 1,
      msLeft: 90 * M,
      deadline: '2026-11-30T09:30:00.000Z', // Monday 10:30 in Berlin
    });
  });

  it('Salesforce: a recurring milestone shows the occurrence opened by the reopen, with the one before as its outcome', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    const [response] = fromSalesforceMilestones(
      [
        {
          name: 'Response',
          StartDate: '2026-11-30T09:00:00Z',
          TargetDate: '2026-11-30T11:00:00Z',
          IsCompleted: false,
          TargetResponseInMins: 120,
        },
        {
          name: 'Response',
          StartDate: '2026-11-29T09:00:00Z',
          TargetDate: '2026-11-29T11:00:00Z',
          CompletionDate: '2026-11-29T12:00:00Z',
          IsCompleted: true,
          IsViolated: true,
          TargetResponseInMins: 120,
        },
      ],
      now,
    );
    expect(response).toMatchObject({
      metric: 'Response',
      state: 'active',
      cycle: 2,
      msLeft: 60 * 60_000,
      deadline: '2026-11-30T11:00:00.000Z',
      previous: { cycle: 1, breached: true, fulfilledAt: '2026-11-29T12:00:00.000Z' },
    });
  });
});
