import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGenericAdapter } from '../../lib/schema/adapter';
import type { TicketContextInput } from '../../lib/schema/ticket';
import {
  type BlindExpected,
  type BlindSnapshot,
  blindFolders,
  blindReading,
  mixedBlindTickets,
  openBlindPage,
  switchBlindTicket,
} from '../harness/blind-pages';
import { pageBundle } from '../harness/bundle';
import { expect, test } from './fixtures';

/**
 * Helpdesk pages nobody on the adapter's side wrote: a helper that read only the admin guide (docs/adapters) modelled
 * each page on a real product's agent view, wrote the description an admin would write for it from the guide, and
 * wrote down what a correct reader must find (test/fixtures/generic-blind/README.md). Each page is served at its
 * product's own URL form, the generic adapter is run on it in Chromium's real DOM, and every ticket it is switched to
 * must be read as written down: no field missing, nothing from a neighbouring widget or another ticket.
 */
const BLIND_DIR = 'test/fixtures/generic-blind';

interface ExpectedTicket {
  url: string;
  ticketId: string;
  subject?: string;
  status?: string;
  priority?: string;
  createdAt?: string;
  requester?: { name?: string; email?: string; id?: string };
  tags?: string[];
  comments?: { authorRole: 'customer' | 'agent'; at: string }[];
  latestCustomerMessageIncludes?: string;
}
declare global {
  interface Window {
    DeskLensGenericBlind: {
      createGenericAdapter(
        d: unknown,
        w: Window,
      ): { observe(s: AbortSignal, cb: (snapshot: BlindSnapshot) => void): void };
    };
  }
}

const helpdesks = blindFolders(BLIND_DIR);
const bundle = helpdesks.length > 0 ? pageBundle('lib/adapters/generic/adapter.ts', 'DeskLensGenericBlind') : '';

/** What the reader found, in the shape the expectation is written in (absent keys stay absent). */
function asRead(ticket: TicketContextInput, expected: ExpectedTicket): ExpectedTicket {
  const read: ExpectedTicket = { url: expected.url, ticketId: ticket.ticketId };
  if ('subject' in expected) read.subject = ticket.subject;
  if ('status' in expected) read.status = ticket.status;
  if ('priority' in expected) read.priority = ticket.priority;
  if ('createdAt' in expected) read.createdAt = ticket.createdAt && new Date(ticket.createdAt).toISOString();
  if (expected.requester) {
    read.requester = {};
    for (const key of ['name', 'email', 'id'] as const) {
      if (key in expected.requester) read.requester[key] = ticket.requester?.[key];
    }
  }
  if (expected.tags) read.tags = [...(ticket.tags ?? [])].sort();
  if (expected.comments) {
    read.comments = (ticket.comments ?? []).map((c) => ({
      authorRole: c.authorRole,
      at: new Date(c.at).toISOString(),
    }));
  }
  if (expected.latestCustomerMessageIncludes !== undefined) {
    const latest = ticket.latestCustomerMessage ?? '';
    read.latestCustomerMessageIncludes = latest.includes(expected.latestCustomerMessageIncludes)
      ? expected.latestCustomerMessageIncludes
      : latest.slice(0, 200);
  }
  return read;
}

function normalised(expected: ExpectedTicket): ExpectedTicket {
  const copy = structuredClone(expected);
  if (copy.tags) copy.tags.sort();
  if (copy.createdAt) copy.createdAt = new Date(copy.createdAt).toISOString();
  if (copy.comments) copy.comments = copy.comments.map((c) => ({ ...c, at: new Date(c.at).toISOString() }));
  return copy;
}

for (const helpdesk of helpdesks) {
  test(`a described ${helpdesk} page written blind is read as its agent sees it`, async ({ extension }) => {
    const dir = join(BLIND_DIR, helpdesk);
    const html = readFileSync(join(dir, 'page.html'), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as BlindExpected<ExpectedTicket>;
    const parsed = parseGenericAdapter(JSON.parse(readFileSync(join(dir, 'description.json'), 'utf8')));
    expect(parsed.ok ? [] : parsed.errors, 'the admin’s description is accepted').toEqual([]);
    if (!parsed.ok) return;

    const { page, errors } = await openBlindPage(extension.context, expected.url, html);
    await page.addScriptTag({ content: bundle });
    await page.evaluate((description) => {
      window.__blindSnapshots = [];
      window.DeskLensGenericBlind.createGenericAdapter(description, window).observe(new AbortController().signal, (s) =>
        window.__blindSnapshots.push(s),
      );
    }, parsed.description);

    for (const [index, ticket] of expected.tickets.entries()) {
      if (index > 0) await switchBlindTicket(page, ticket.ticketId);
      const latest = () => blindReading(page, ticket.ticketId, (read) => asRead(read, ticket));
      await expect
        .poll(latest, { message: `${expected.product}, ticket ${ticket.ticketId}` })
        .toEqual({ missing: [], read: normalised(ticket) });
    }
    // Right after a switch the URL names the next ticket while the pane still shows the last: no snapshot may ever
    // have paired one ticket's id with another's subject.
    expect(await mixedBlindTickets(page, expected.tickets)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
