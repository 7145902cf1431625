import { describe, expect, it } from 'vitest';
import { ScriptEntry } from '../schema/scripts';
import { TicketContext } from '../schema/ticket';
import { computeInsights, searchScripts, ticketInsightsContext } from './index';

/** A script whose body names the first-reply deadline, found by search and suggested for a refund ticket. */
const catalog = [
  ScriptEntry.parse({
    id: 'refund-promise',
    title: 'Refund: when we will answer',
    body: 'We will reply by {{sla.first_reply.due}}.',
    locale: 'en',
    scenario: 'refund',
    tags: ['refund'],
    triggerKeywords: ['refund'],
  }),
];
const now = Date.parse('2026-11-30T10:00:00Z');
const ticket = (extra: Partial<TicketContext> = {}) =>
  TicketContext.parse({
    helpdesk: 'zendesk',
    ticketId: '1001',
    url: 'https://acme.zendesk.com/agent/tickets/1001',
    subject: 'Refund please',
    priority: 'normal',
    createdAt: '2026-11-30T09:30:00Z',
    requester: { name: 'Ann Lee', email: 'ann@example.test' },
    tags: ['refund'],
    ...extra,
  });
const filled = (text: string | undefined) => /reply by (.+)\.$/.exec(text ?? '')?.[1];

describe('ticketInsightsContext: suggestions and search fill a script in the same way', () => {
  it('uses the customer’s tier for the deadline in search as in suggestions', () => {
    const vip = ticket({ tags: ['refund', 'vip'] });
    const sources = { catalog, now };
    const context = ticketInsightsContext(vip, sources);
    expect(context.tier.tier.id).toBe('vip');
    // VIP first reply within 1 hour of creation (PRODUCT.md), not the standard 6 business hours.
    const due = context.metrics.find((metric) => metric.metric === 'first_reply_time')?.deadline;
    expect(due).toBe('2026-11-30T10:30:00.000Z');
    const suggested = computeInsights(vip, sources).scripts.find((s) => s.id === 'refund-promise');
    const searched = searchScripts(vip, 'refund', sources).find((s) => s.id === 'refund-promise');
    expect(filled(suggested?.text)).toBe(due);
    expect(filled(searched?.text)).toBe(due);
  });

  it('uses the helpdesk’s own SLA target when the organisation has no policies of its own', () => {
    const zendeskDue = '2026-11-30T11:45:00.000Z';
    const withHelpdeskSla = ticket({
      helpdeskSla: [{ metric: 'first_reply_time', stage: 'active', breachAt: zendeskDue }],
    });
    const searched = searchScripts(withHelpdeskSla, 'refund', { catalog, now });
    expect(filled(searched[0]?.text)).toBe(zendeskDue);
    // The organisation's own policies still win over the helpdesk's.
    const own = searchScripts(withHelpdeskSla, 'refund', { catalog, now, policies: [] });
    expect(filled(own[0]?.text)).not.toBe(zendeskDue);
  });
});
