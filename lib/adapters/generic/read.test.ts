import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseGenericAdapter } from '../../schema/adapter';
import { readGeneric } from './read';

/** A description as the background hands it to the content script: parsed, bare selectors made objects. */
function described(input: Record<string, unknown>) {
  const parsed = parseGenericAdapter({
    id: 'desk',
    name: 'Desk',
    matches: ['https://desk.example.com/*'],
    ticketUrl: '^/tickets/(\\d+)',
    ...input,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.description;
}
const page = (html: string) => parseHTML(`<html><body>${html}</body></html>`).document as unknown as Document;
const at = (id: string) => new URL(`https://desk.example.com/tickets/${id}`);

describe('where the pane names its own ticket', () => {
  // Zammad keeps the id only inside a longer attribute value.
  const zammad = described({
    activeTicket: { container: '#app', pane: '.content.active', idAttribute: 'id', idPattern: 'TicketZoom-(\\d+)$' },
    fields: { subject: 'h1' },
  });
  const zammadPage = (id: string) =>
    page(
      `<div id="app"><div class="content active" id="content_permanent_TicketZoom-${id}"><h1>T${id}</h1></div></div>`,
    );

  it('reads the id out of an attribute with a pattern, and takes a pane naming another ticket for a stale one', () => {
    expect(readGeneric(zammad, zammadPage('12'), at('12'))).toMatchObject({ missing: [], ticket: { subject: 'T12' } });
    // The URL moved on to 13 before the helpdesk swapped the pane: 12's subject must not be read as 13's.
    const stale = readGeneric(zammad, zammadPage('12'), at('13'));
    expect(stale).toEqual({ missing: ['ticket pane'], ticket: expect.objectContaining({ ticketId: '13' }) });
    expect(stale.ticket?.subject).toBeUndefined();
    // A longer id holding the URL's (1234 vs 12) is not the same ticket: the pattern's group is compared whole.
    expect(readGeneric(zammad, zammadPage('1234'), at('12')).missing).toEqual(['ticket pane']);
  });

  it('reads the id from an element inside the pane, by its text or an attribute', () => {
    const byText = described({
      ticketUrl: '^/browse/([A-Z]+-\\d+)',
      activeTicket: { container: 'main', pane: '.issue', idSelector: 'nav a.key', idPattern: '^([A-Z]+-\\d+)$' },
      fields: { subject: 'h1' },
    });
    const jira = (key: string) =>
      page(
        `<main><div class="issue"><nav><a class="key" href="/browse/${key}"> ${key} </a></nav><h1>S ${key}</h1></div></main>`,
      );
    const url = (key: string) => new URL(`https://desk.example.com/browse/${key}`);
    expect(readGeneric(byText, jira('ITS-7'), url('ITS-7'))).toMatchObject({
      missing: [],
      ticket: { subject: 'S ITS-7' },
    });
    expect(readGeneric(byText, jira('ITS-7'), url('ITS-8')).missing).toEqual(['ticket pane']);

    const byAttribute = described({
      ticketUrl: '^/browse/([A-Z]+-\\d+)',
      activeTicket: {
        container: 'main',
        pane: '.issue',
        idSelector: 'nav a.key',
        idAttribute: 'href',
        idPattern: '/browse/([A-Z]+-\\d+)$',
      },
      fields: { subject: 'h1' },
    });
    expect(readGeneric(byAttribute, jira('ITS-7'), url('ITS-7')).missing).toEqual([]);
    // No element naming the ticket: the pane cannot say it is the URL's ticket, so it is not read as one.
    const bare = page('<main><div class="issue"><h1>S</h1></div></main>');
    expect(readGeneric(byAttribute, bare, url('ITS-7')).missing).toEqual(['ticket pane']);
  });
});

describe('internal notes told apart by their words', () => {
  // Request Tracker marks a private comment and a public reply alike; only the header's words differ.
  const rt = (internalPattern?: string) =>
    described({
      activeTicket: { container: 'body', pane: '#ticket' },
      fields: { subject: 'h1', requesterName: '.requestor' },
      conversation: {
        item: '.transaction',
        time: { selector: '.date', attribute: 'datetime' },
        author: '.user',
        role: { from: 'requester' },
        internal: '.description',
        ...(internalPattern ? { internalPattern } : {}),
        text: '.messagebody',
      },
    });
  const transaction = (who: string, what: string, time: string) =>
    `<div class="transaction"><div class="description"><span class="user">${who}</span> - ${what}</div>` +
    `<time class="date" datetime="${time}"></time><div class="messagebody">text</div></div>`;
  const doc = page(
    `<div id="ticket"><h1>VPN</h1><span class="requestor">Siobhán</span>` +
      transaction('Siobhán', 'Ticket created', '2026-11-25T22:15:00Z') +
      transaction('Kieran', 'Comments added', '2026-11-25T23:03:00Z') +
      transaction('Kieran', 'Correspondence added', '2026-11-25T23:04:00Z') +
      transaction('Siobhán', 'Correspondence added', '2026-11-26T08:00:00Z') +
      `</div>`,
  );

  it('leaves out only the items whose marker reads as internal', () => {
    const comments = readGeneric(rt('^Comments added$|- Comments added'), doc, at('1')).ticket?.comments;
    expect(comments?.map((c) => [c.authorRole, c.at])).toEqual([
      ['customer', '2026-11-25T22:15:00.000Z'],
      ['agent', '2026-11-25T23:04:00.000Z'],
      ['customer', '2026-11-26T08:00:00.000Z'],
    ]);
  });

  it('without the pattern, every item holding the marker is internal, as before', () => {
    expect(readGeneric(rt(), doc, at('1')).ticket?.comments).toEqual([]);
  });
});

describe('an opening message shown apart from the conversation', () => {
  const jsm = (opening: boolean) =>
    described({
      activeTicket: { container: 'body', pane: '.issue' },
      fields: {
        subject: 'h1',
        requesterName: '.reporter',
        createdAt: { selector: '.created', attribute: 'datetime' },
        description: '.description',
      },
      conversation: {
        item: '.comment',
        time: { selector: 'time', attribute: 'datetime' },
        author: '.author',
        role: { from: 'requester' },
        text: '.body',
        ...(opening ? { opening: 'description' } : {}),
      },
    });
  const doc = page(
    `<div class="issue"><h1>Laptop</h1><span class="reporter">Ana</span><time class="created" datetime="2026-11-18T19:22:00Z"></time>` +
      `<div class="description">My laptop will not boot.</div>` +
      `<div class="comment"><span class="author">Rui</span><time datetime="2026-11-18T20:03:00Z"></time><div class="body">Try safe mode.</div></div>` +
      `</div>`,
  );

  it('counts it as the requester’s message at the creation time, and as the latest customer message', () => {
    const ticket = readGeneric(jsm(true), doc, at('1')).ticket;
    expect(ticket?.comments?.map((c) => [c.authorRole, c.at, c.authorName])).toEqual([
      ['customer', '2026-11-18T19:22:00.000Z', 'Ana'],
      ['agent', '2026-11-18T20:03:00.000Z', 'Rui'],
    ]);
    expect(ticket?.latestCustomerMessage).toBe('My laptop will not boot.');
  });

  it('is not added unless the description says the conversation leaves it out', () => {
    expect(readGeneric(jsm(false), doc, at('1')).ticket?.comments?.map((c) => c.authorRole)).toEqual(['agent']);
  });
});

describe('what the new keys need', () => {
  const base = {
    id: 'desk',
    name: 'Desk',
    matches: ['https://desk.example.com/*'],
    ticketUrl: '^/tickets/(\\d+)',
    activeTicket: { container: 'body', pane: 'main' },
    fields: { subject: 'h1' },
  };
  const errors = (input: object) => {
    const parsed = parseGenericAdapter({ ...base, ...input });
    return parsed.ok ? [] : parsed.errors;
  };
  const conversation = { item: '.c', time: 'time', role: { from: 'marker', agent: '.staff' } };

  it('names each key that is missing what it depends on, and an unsafe pattern', () => {
    expect(errors({ activeTicket: { container: 'body', pane: 'main', idPattern: '(\\d+)' } })).toEqual([
      'activeTicket.idPattern: needs idAttribute or idSelector: the value it runs on',
    ]);
    expect(errors({ conversation: { ...conversation, internalPattern: 'Comments' } })).toEqual([
      'conversation.internalPattern: needs conversation.internal: the element whose text it runs on',
    ]);
    expect(errors({ conversation: { ...conversation, opening: 'description' } })).toEqual([
      'fields.description: needed when conversation.opening is "description"',
      'fields.createdAt: needed when conversation.opening is "description"',
    ]);
    expect(errors({ conversation: { ...conversation, opening: 'first' } })).toEqual([
      'conversation.opening: expected "description" (the opening message is fields.description)',
    ]);
    const unsafe = errors({ conversation: { ...conversation, internal: '.d', internalPattern: '^(\\w+\\s?)*$' } });
    expect(unsafe).toHaveLength(1);
    expect(unsafe[0]).toMatch(/^conversation\.internalPattern: could backtrack catastrophically/);
    expect(errors({ activeTicket: { container: 'body', pane: 'main', idSelector: 'a', idPattern: '\\d+' } })).toEqual([
      'activeTicket.idPattern: needs a capture group: (…) around the value',
    ]);
  });
});
