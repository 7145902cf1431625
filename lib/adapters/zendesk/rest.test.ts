import { describe, expect, it } from 'vitest';
import { createZendeskEnricher, parseTicketResponse } from './rest';
import { parseAuditsResponse } from './rest-audits';
import { mergeComments, parseCommentsResponse } from './rest-comments';

describe('Zendesk REST enrichment', () => {
  it('takes the requester and organization of the ticket from the sideloads, and only those', () => {
    expect(
      parseTicketResponse({
        ticket: { requester_id: 501, organization_id: 701, via: { channel: 'email' } },
        users: [
          { id: 90001, email: 'ada@acme.test', name: 'Ada Agent' },
          { id: 501, email: 'grace@example.com', name: 'Grace Hopper' },
        ],
        organizations: [{ id: 701, name: 'Hopper Industries' }],
      }),
    ).toEqual({
      requester: { id: '501', email: 'grace@example.com', name: 'Grace Hopper' },
      organization: { id: '701', name: 'Hopper Industries' },
      channel: 'email',
      createdAt: undefined,
      helpdeskSla: undefined,
    });
  });

  it('takes the status and priority by their API names, whatever language the agent’s page shows them in', () => {
    expect(parseTicketResponse({ ticket: { status: 'hold', priority: 'urgent' } })).toMatchObject({
      status: 'hold',
      priority: 'urgent',
    });
    const odd = parseTicketResponse({ ticket: { status: 'Open', priority: 3 } });
    expect(odd.status).toBeUndefined();
    expect(odd.priority).toBeUndefined();
  });

  it('says who opened the ticket from the submitter’s role (first reply time applies to an end user’s request)', () => {
    const users = [
      { id: 1, role: 'end-user' },
      { id: 2, role: 'agent' },
      { id: 3, role: 'admin' },
    ];
    const submitted = (submitter_id: unknown) => parseTicketResponse({ ticket: { submitter_id }, users }).openedBy;
    expect(submitted(1)).toBe('customer');
    expect(submitted(2)).toBe('agent');
    expect(submitted(3)).toBe('agent');
    expect(submitted(99)).toBeUndefined();
  });

  it('takes the exact creation instant and the ticket’s SLA targets, dropping malformed entries', () => {
    const parsed = parseTicketResponse({
      ticket: {
        created_at: '2026-11-23T08:00:00Z',
        slas: {
          policy_metrics: [
            { metric: 'first_reply_time', stage: 'active', breach_at: '2026-11-23T10:00:00Z' },
            { metric: 'next_reply_time', stage: 'achieved', breach_at: '2026-11-23T09:00:00Z' },
            { metric: 'requester_wait_time', stage: 'paused', breach_at: null },
            { stage: 'active', breach_at: '2026-11-23T10:00:00Z' },
            'first_reply_time',
            { metric: 'periodic_update_time', stage: 'active', breach_at: 'tomorrow' },
          ],
        },
      },
    });
    expect(parsed.createdAt).toBe('2026-11-23T08:00:00.000Z');
    expect(parsed.helpdeskSla).toEqual([
      { metric: 'first_reply_time', stage: 'active', breachAt: '2026-11-23T10:00:00.000Z' },
      {
        metric: 'next_reply_time',
        stage: 'achieved',
        breachAt: '2026-11-23T09:00:00.000Z',
        completedAt: '2026-11-23T09:00:00.000Z',
      },
      { metric: 'requester_wait_time', stage: 'paused' },
      { metric: 'periodic_update_time', stage: 'active' },
    ]);
  });

  it('asks at most once per ticket per 30 s, coalesces bursts, and caps all requests at 20 a minute', async () => {
    let clock = 0;
    const urls: string[] = [];
    const win = {
      location: { href: 'https://acme.zendesk.com/agent/tickets/1' },
      fetch: async (url: string) => {
        urls.push(url);
        return new Response(
          url.includes('/comments.json')
            ? JSON.stringify({ comments: [], users: [] })
            : JSON.stringify({ ticket: { requester_id: 1 }, users: [{ id: 1, email: 'a@b.c' }] }),
        );
      },
    } as unknown as Window;
    const enricher = createZendeskEnricher(win, () => clock);
    await Promise.all([enricher.fetch('1'), enricher.fetch('1'), enricher.fetch('1')]);
    expect(urls).toEqual([
      'https://acme.zendesk.com/api/v2/tickets/1.json?include=users,organizations,slas',
      'https://acme.zendesk.com/api/v2/tickets/1/comments.json?include=users&sort_order=desc&page[size]=100',
      'https://acme.zendesk.com/api/v2/tickets/1/audits.json?sort_order=desc&page[size]=100',
    ]);
    clock += 29_000;
    expect((await enricher.fetch('1'))?.requester?.email).toBe('a@b.c');
    expect(urls).toHaveLength(3);
    clock += 2_000;
    await enricher.fetch('1');
    expect(urls).toHaveLength(6);
    // Three requests per ask: six asks fit in the 20-a-minute budget, the seventh waits.
    for (let i = 0; i < 40; i++) await enricher.fetch(`t${i}`);
    expect(urls).toHaveLength(18);
    expect(enricher.requestsLastMinute()).toBe(18);
  });

  it('reads who wrote each public comment and when, skipping internal notes and unknown authors', () => {
    const comments = parseCommentsResponse({
      comments: [
        { author_id: 90001, public: true, created_at: '2026-11-23T09:30:00Z' },
        { author_id: 90001, public: false, created_at: '2026-11-23T09:20:00Z' },
        { author_id: 501, public: true, created_at: '2026-11-23T09:00:00Z' },
        { author_id: 999, public: true, created_at: '2026-11-23T09:10:00Z' },
        { author_id: 501, public: true, created_at: 'soon' },
      ],
      users: [
        { id: 501, role: 'end-user', name: 'Grace Hopper' },
        { id: 90001, role: 'admin', name: 'Ada Agent' },
      ],
    });
    expect(comments).toEqual([
      { authorRole: 'customer', authorName: 'Grace Hopper', at: '2026-11-23T09:00:00.000Z' },
      { authorRole: 'agent', authorName: 'Ada Agent', at: '2026-11-23T09:30:00.000Z' },
    ]);
    // The page's newer comment joins; the one both show counts once.
    const page = [
      { authorRole: 'agent' as const, at: '2026-11-23T09:30:00.400Z' },
      { authorRole: 'customer' as const, at: '2026-11-23T10:00:00.000Z' },
    ];
    expect(mergeComments(page, comments ?? []).map((c) => `${c.authorRole}@${c.at.slice(11, 16)}`)).toEqual([
      'customer@09:00',
      'agent@09:30',
      'customer@10:00',
    ]);
  });

  it('reads the status history from the ticket’s audits, oldest first, ignoring other fields and bad entries', () => {
    const history = parseAuditsResponse({
      audits: [
        {
          created_at: '2026-11-23T12:00:00Z',
          events: [
            { type: 'Comment', public: true, body: 'It broke again' },
            { type: 'Change', field_name: 'status', value: 'open', previous_value: 'solved' },
          ],
        },
        {
          created_at: '2026-11-23T10:00:00Z',
          events: [
            { type: 'Change', field_name: 'status', value: 'solved', previous_value: 'open' },
            { type: 'Change', field_name: 'priority', value: 'high', previous_value: 'normal' },
          ],
        },
        { created_at: 'yesterday', events: [{ type: 'Change', field_name: 'status', value: 'pending' }] },
        { created_at: '2026-11-23T11:00:00Z', events: [{ type: 'Change', field_name: 'status', value: 'escalated' }] },
        {
          created_at: '2026-11-23T08:00:00Z',
          events: [{ type: 'Create', field_name: 'status', value: 'new' }],
        },
        { created_at: '2026-11-23T08:10:00Z', events: 'none' },
      ] as never,
    });
    expect(history).toEqual([
      { status: 'new', at: '2026-11-23T08:00:00.000Z' },
      { status: 'solved', at: '2026-11-23T10:00:00.000Z' },
      { status: 'open', at: '2026-11-23T12:00:00.000Z' },
    ]);
    expect(parseAuditsResponse({})).toBeUndefined();
  });

  it('takes the status before the oldest audit it was given as the status since creation (long tickets)', () => {
    expect(
      parseAuditsResponse(
        {
          audits: [
            {
              created_at: '2026-11-23T10:00:00Z',
              events: [{ type: 'Change', field_name: 'status', value: 'solved', previous_value: 'pending' }],
            },
          ],
        },
        '2026-11-20T08:00:00.000Z',
      ),
    ).toEqual([
      { status: 'pending', at: '2026-11-20T08:00:00.000Z' },
      { status: 'solved', at: '2026-11-23T10:00:00.000Z' },
    ]);
  });
});
