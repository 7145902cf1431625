import { performance } from 'node:perf_hooks';
import type { TicketContext } from '../../lib/schema/ticket';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICIES, evaluateSla } from '../../lib/sla/index';
import { p, report } from './stats-helpers';

/**
 * SLA evaluation for a long-running ticket with 200 events (comments and status changes), business hours, solved
 * and reopened three times (the customer writes back each time), so every metric has several cycles.
 */
const created = Date.parse('2026-10-01T08:00:00Z');
const comments: TicketContext['comments'] = [];
const statusHistory: TicketContext['statusHistory'] = [{ status: 'new', at: new Date(created).toISOString() }];
const working = ['open', 'pending', 'open', 'hold'] as const;
const reopenAt = new Set([50, 100, 150]);
for (let i = 0; i < 200; i++) {
  const at = new Date(created + i * 3 * 3_600_000).toISOString();
  if (reopenAt.has(i - 1)) {
    // The customer's reply reopens the ticket solved one step before.
    comments.push({ authorRole: 'customer', at });
    statusHistory.push({ status: 'open', at });
  } else if (reopenAt.has(i)) statusHistory.push({ status: 'solved', at });
  else if (i % 2 === 0) comments.push({ authorRole: i % 4 === 0 ? 'customer' : 'agent', at });
  else statusHistory.push({ status: working[i % working.length] as (typeof working)[number], at });
}
const ticket = {
  createdAt: new Date(created).toISOString(),
  comments,
  statusHistory,
  priority: 'normal' as const,
  tags: [],
  subject: 'Invoice question',
};
const now = created + 200 * 3 * 3_600_000 + 60_000;

const run = (at: number) =>
  evaluateSla({ ticket, now: at, calendars: [DEFAULT_CALENDAR], policies: DEFAULT_SLA_POLICIES }).metrics;
for (let i = 0; i < 200; i++) run(now);
const timings: number[] = [];
let metrics = run(now);
for (let i = 0; i < 2000; i++) {
  const started = performance.now();
  metrics = run(now + i * 1000);
  timings.push(performance.now() - started);
}
const cycles = metrics.map((m) => `${m.metric} #${m.cycle}`).join(', ');
report('sla', `evaluate, 200-event ticket reopened 3 times (${cycles}), p50`, p(timings, 0.5), 'ms');
report('sla', 'evaluate, 200-event ticket reopened 3 times, p95', p(timings, 0.95), 'ms', '≤ 0.5 ms');
