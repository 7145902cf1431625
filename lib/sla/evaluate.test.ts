import { describe, expect, it } from 'vitest';
import type { SlaMetric } from '../schema/sla';
import { BusinessCalendar, SlaPolicy } from '../schema/sla';
import { evaluatePolicy } from './evaluate';
import { evaluateSla, fromHelpdeskTargets } from './index';
import type { SlaTimeline } from './timeline';

const t = (iso: string) => Date.parse(iso);
const M = 60_000;
const H = 60 * M;

const calendar = BusinessCalendar.parse({
  id: 'berlin',
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
});

function policy(metric: SlaMetric, targetMinutes: number, businessHours = false) {
  return SlaPolicy.parse({
    id: `p-${metric}`,
    title: metric,
    targets: [{ metric, priority: 'normal', targetMinutes, businessHours }],
  });
}

function timeline(partial: Partial<SlaTimeline> & { createdAt: number }): SlaTimeline {
  return { statuses: [{ status: 'new', at: partial.createdAt }], comments: [], ...partial };
}

const one = (result: ReturnType<typeof evaluatePolicy>) => {
  expect(result).toHaveLength(1);
  return result[0] as NonNullable<(typeof result)[0]>;
};

describe('SLA metrics (Zendesk semantics)', () => {
  it('first reply: active with an absolute deadline, then fulfilled by the first public agent comment', () => {
    const created = t('2026-11-23T08:00:00Z');
    const tl = timeline({ createdAt: created, comments: [{ role: 'customer', at: created }] });
    const active = one(evaluatePolicy({ timeline: tl, policy: policy('first_reply_time', 60), now: created + 20 * M }));
    expect(active).toMatchObject({
      state: 'active',
      breached: false,
      msLeft: 40 * M,
      deadline: '2026-11-23T09:00:00.000Z',
      level: 'ok',
    });

    tl.comments.push({ role: 'agent', at: created + 30 * M });
    const done = one(evaluatePolicy({ timeline: tl, policy: policy('first_reply_time', 60), now: created + 2 * H }));
    expect(done).toMatchObject({ state: 'fulfilled', breached: false, level: 'ok', msLeft: 30 * M });
  });

  it('warns at 25% left and is urgent at 15 minutes left', () => {
    const created = t('2026-11-23T08:00:00Z');
    const tl = timeline({ createdAt: created });
    const p = policy('first_reply_time', 240);
    expect(one(evaluatePolicy({ timeline: tl, policy: p, now: created + 170 * M })).level).toBe('ok');
    expect(one(evaluatePolicy({ timeline: tl, policy: p, now: created + 181 * M })).level).toBe('warn');
    expect(one(evaluatePolicy({ timeline: tl, policy: p, now: created + 226 * M })).level).toBe('urgent');
    expect(one(evaluatePolicy({ timeline: tl, policy: p, now: created + 241 * M })).level).toBe('breached');
  });

  it('breach then late fulfilment stays breached, with the deadline where the target ran out', () => {
    const created = t('2026-11-23T08:00:00Z');
    const tl = timeline({ createdAt: created, comments: [{ role: 'agent', at: created + 90 * M }] });
    expect(
      one(evaluatePolicy({ timeline: tl, policy: policy('first_reply_time', 60), now: created + 3 * H })),
    ).toMatchObject({
      state: 'fulfilled',
      breached: true,
      level: 'breached',
      msLeft: -30 * M,
      deadline: '2026-11-23T09:00:00.000Z',
    });
  });

  it('first reply in business hours across a weekend', () => {
    // Created Fri 27 Nov 16:30 Berlin (15:30Z), 2 business hours → Mon 30 Nov 10:30 Berlin (09:30Z)
    const created = t('2026-11-27T15:30:00Z');
    const result = one(
      evaluatePolicy({
        timeline: timeline({ createdAt: created }),
        policy: policy('first_reply_time', 120, true),
        calendar,
        now: t('2026-11-28T12:00:00Z'),
      }),
    );
    expect(result).toMatchObject({
      state: 'active',
      deadline: '2026-11-30T09:30:00.000Z',
      msLeft: 90 * M,
      businessHours: true,
    });
  });

  it('next reply restarts with each new customer comment after an agent reply, from the oldest unanswered one', () => {
    const created = t('2026-11-23T08:00:00Z');
    const tl = timeline({
      createdAt: created,
      comments: [
        { role: 'customer', at: created },
        { role: 'agent', at: created + 10 * M },
        { role: 'customer', at: created + 60 * M },
        { role: 'customer', at: created + 70 * M },
      ],
    });
    const p = policy('next_reply_time', 120);
    expect(one(evaluatePolicy({ timeline: tl, policy: p, now: created + 80 * M }))).toMatchObject({
      state: 'active',
      deadline: '2026-11-23T11:00:00.000Z',
    });
    tl.comments.push({ role: 'agent', at: created + 100 * M }, { role: 'customer', at: created + 200 * M });
    expect(one(evaluatePolicy({ timeline: tl, policy: p, now: created + 210 * M }))).toMatchObject({
      state: 'active',
      deadline: '2026-11-23T13:20:00.000Z',
      msLeft: 110 * M,
    });
  });

  it('pausable update pauses while pending and resumes without moving earlier', () => {
    const created = t('2026-11-23T08:00:00Z');
    const agentAt = created + 10 * M;
    const tl = timeline({
      createdAt: created,
      statuses: [
        { status: 'open', at: created },
        { status: 'pending', at: agentAt + 30 * M },
        { status: 'open', at: agentAt + 90 * M },
      ],
      comments: [{ role: 'agent', at: agentAt }],
    });
    const p = policy('pausable_update_time', 120);
    const paused = one(evaluatePolicy({ timeline: tl, policy: p, now: agentAt + 60 * M }));
    expect(paused).toMatchObject({ state: 'paused', msLeft: 90 * M, deadline: undefined });
    const resumed = one(evaluatePolicy({ timeline: tl, policy: p, now: agentAt + 100 * M }));
    // 30 min before pending + 10 min since → 80 min left; deadline = now + 80 min.
    expect(resumed).toMatchObject({
      state: 'active',
      msLeft: 80 * M,
      deadline: new Date(agentAt + 180 * M).toISOString(),
    });
    // Periodic update (not pausable) kept running through pending.
    expect(
      one(evaluatePolicy({ timeline: tl, policy: policy('periodic_update_time', 120), now: agentAt + 100 * M })).msLeft,
    ).toBe(20 * M);
  });

  it('requester wait counts new, open and on-hold; agent work counts new and open; both stop at solved', () => {
    const created = t('2026-11-23T08:00:00Z');
    const tl = timeline({
      createdAt: created,
      statuses: [
        { status: 'new', at: created },
        { status: 'hold', at: created + 60 * M },
        { status: 'pending', at: created + 120 * M },
        { status: 'solved', at: created + 180 * M },
      ],
    });
    const now = created + 5 * H;
    expect(one(evaluatePolicy({ timeline: tl, policy: policy('requester_wait_time', 600), now }))).toMatchObject({
      state: 'fulfilled',
      msLeft: 480 * M,
    });
    expect(one(evaluatePolicy({ timeline: tl, policy: policy('agent_work_time', 600), now }))).toMatchObject({
      state: 'fulfilled',
      msLeft: 540 * M,
    });
  });

  it('picks the first matching policy, in order', () => {
    const vip = SlaPolicy.parse({
      id: 'vip',
      title: 'VIP',
      conditions: { tiers: ['vip'] },
      targets: [{ metric: 'first_reply_time', priority: 'normal', targetMinutes: 60 }],
    });
    const all = SlaPolicy.parse({
      id: 'all',
      title: 'All',
      targets: [{ metric: 'first_reply_time', priority: 'normal', targetMinutes: 360 }],
    });
    const ticket = {
      createdAt: '2026-11-23T08:00:00Z',
      comments: [],
      statusHistory: [],
      tags: [],
      priority: 'normal' as const,
    };
    const now = t('2026-11-23T08:30:00Z');
    expect(evaluateSla({ ticket, tier: 'vip', policies: [vip, all], now }).policyId).toBe('vip');
    expect(evaluateSla({ ticket, tier: 'general', policies: [vip, all], now }).policyId).toBe('all');
    expect(evaluateSla({ ticket, tier: 'vip', policies: [all, vip], now }).policyId).toBe('all');
  });

  it('grades funds-lost and fraud complaints as urgent in English and Chinese, and they match the urgent policy', () => {
    const base = {
      createdAt: '2026-11-23T08:00:00Z',
      comments: [],
      statusHistory: [],
      tags: [],
      priority: 'normal' as const,
    };
    const now = t('2026-11-23T08:05:00Z');
    expect(evaluateSla({ ticket: { ...base, subject: '账户资金丢失' }, now })).toMatchObject({
      policyId: 'urgent-complaints',
      grade: { grade: 'urgent' },
    });
    expect(
      evaluateSla({ ticket: { ...base, latestCustomerMessage: 'There was FRAUD on my card' }, now }).grade.grade,
    ).toBe('urgent');
    expect(evaluateSla({ ticket: { ...base, subject: '我要投诉' }, now }).grade.grade).toBe('important');
    expect(evaluateSla({ ticket: { ...base, subject: 'How do I export invoices?' }, now }).grade.grade).toBe('normal');
  });

  it('maps the helpdesk’s own targets (Zendesk breach_at, Salesforce milestones)', () => {
    const now = t('2026-11-23T10:00:00Z');
    const [zendesk, milestone] = fromHelpdeskTargets(
      [
        { metric: 'first_reply_time', breachAt: '2026-11-23T10:10:00Z', stage: 'active' },
        {
          metric: 'First Response',
          breachAt: '2026-11-23T09:00:00Z',
          stage: 'achieved',
          completedAt: '2026-11-23T09:30:00Z',
          violated: true,
        },
      ],
      now,
    );
    expect(zendesk).toMatchObject({ state: 'active', msLeft: 10 * M, level: 'urgent', breached: false });
    expect(milestone).toMatchObject({ state: 'fulfilled', breached: true, msLeft: -30 * M, level: 'breached' });
  });
});
