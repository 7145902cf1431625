import { performance } from 'node:perf_hooks';
import type { TicketContext } from '../../lib/schema/ticket';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICIES, evaluateSla } from '../../lib/sla/index';
import { p, report } from './stats-helpers';

/** SLA evaluation for a long-running ticket with 200 events (comments and status changes), business hours. */
const created = Date.parse('2026-10-01T08:00:00Z');
const comments: TicketContext['comments'] = [];
const statusHistory: TicketContext['statusHistory'] = [{ status: 'new', at: new Date(created).toISOString() }];
const cycle = ['open', 'pending', 'open', 'hold'] as const;
for (let i = 0; i < 200; i++) {
  const at = new Date(created + i * 3 * 3_600_000).toISOString();
  if (i % 2 === 0) comments.push({ authorRole: i % 4 === 0 ? 'customer' : 'agent', at });
  else statusHistory.push({ status: cycle[i % cycle.length] as (typeof cycle)[number], at });
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

for (let i = 0; i < 200; i++)
  evaluateSla({ ticket, now, calendars: [DEFAULT_CALENDAR], policies: DEFAULT_SLA_POLICIES });
const timings: number[] = [];
let metrics = 0;
for (let i = 0; i < 2000; i++) {
  const started = performance.now();
  metrics = evaluateSla({ ticket, now: now + i * 1000, calendars: [DEFAULT_CALENDAR], policies: DEFAULT_SLA_POLICIES })
    .metrics.length;
  timings.push(performance.now() - started);
}
report('sla', `evaluate, 200-event ticket, ${metrics} business-hours metrics, p50`, p(timings, 0.5), 'ms');
report('sla', `evaluate, 200-event ticket, ${metrics} business-hours metrics, p95`, p(timings, 0.95), 'ms', '≤ 0.5 ms');
