import { describe, expect, it } from 'vitest';
import { TicketContext } from '../schema/ticket';
import { computeInsights } from './index';
import { rulesFrom } from './rules';

const ticket = TicketContext.parse({
  helpdesk: 'zendesk',
  ticketId: '77',
  url: 'https://acme.zendesk.com/agent/tickets/77',
  priority: 'high',
  createdAt: '2026-11-23T08:00:00Z',
  tags: ['gold_member'],
});

describe('org rules from the team configuration', () => {
  it('drive the badge and the clocks the overlay shows', () => {
    const remote = {
      orgId: 'org',
      tierRules: {
        tiers: [
          { id: 'gold', label: { en: 'Gold', zh_CN: '金卡' }, colour: '#b8860b', rank: 1 },
          { id: 'standard', label: { en: 'Standard', zh_CN: '标准' }, colour: '#6b7280', rank: 2 },
        ],
        rules: [
          {
            id: 'gold-tag',
            description: { en: 'Gold member', zh_CN: '金卡会员' },
            all: [{ attribute: 'tags', op: 'has_tag', value: 'gold_member' }],
            tier: 'gold',
          },
        ],
        fallbackTier: 'standard',
      },
      slaPolicies: [
        {
          id: 'gold-sla',
          title: 'Gold',
          targets: [{ metric: 'first_reply_time', priority: 'high', targetMinutes: 30 }],
        },
      ],
    };
    const now = Date.parse('2026-11-23T08:10:00Z');
    const insights = computeInsights(ticket, { catalog: [], now, ...rulesFrom(remote) });
    expect(insights.tier?.id).toBe('gold');
    const firstReply = insights.sla.find((c) => c.metric === 'first_reply_time');
    expect(firstReply?.deadline).toBe('2026-11-23T08:30:00.000Z');
    expect(firstReply?.targetMs).toBe(30 * 60_000);
  });

  it('falls back to the defaults for anything that does not parse', () => {
    expect(
      rulesFrom({ orgId: 'org', tierRules: { tiers: [] }, slaPolicies: [{ id: 'no-targets' }], calendars: [] }),
    ).toEqual({});
    expect(rulesFrom(undefined)).toEqual({});
  });

  it('show the helpdesk’s own SLA when the organisation has no policies of its own, and theirs when it has', () => {
    const withMilestone = TicketContext.parse({
      ...ticket,
      helpdeskSla: [
        { metric: 'First Response', breachAt: '2026-11-23T09:00:00Z', stage: 'active', targetMs: 3_600_000 },
      ],
    });
    const now = Date.parse('2026-11-23T08:50:00Z');
    const helpdeskOnly = computeInsights(withMilestone, { catalog: [], now });
    expect(helpdeskOnly.sla).toEqual([
      expect.objectContaining({
        metric: 'First Response',
        label: { en: 'First Response', zh_CN: 'First Response' },
        deadline: '2026-11-23T09:00:00.000Z',
        msLeft: 10 * 60_000,
        level: 'urgent',
        ticking: true,
      }),
    ]);
    const policies = rulesFrom({
      orgId: 'org',
      slaPolicies: [
        { id: 'own', title: 'Own', targets: [{ metric: 'first_reply_time', priority: 'high', targetMinutes: 30 }] },
      ],
    });
    const own = computeInsights(withMilestone, { catalog: [], now, ...policies });
    expect(own.sla.map((clock) => clock.metric)).toEqual(['first_reply_time']);
  });
});
