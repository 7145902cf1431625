import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGenericAdapter } from '../../lib/schema/adapter';
import type { TicketContextInput } from '../../lib/schema/ticket';
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
interface Expected {
  product: string;
  url: string;
  tickets: ExpectedTicket[];
}
interface Snapshot {
  ticket?: TicketContextInput;
  missing: string[];
}
declare global {
  interface Window {
    __blindSnapshots: Snapshot[];
    __blindFixture?: { switchTo(id: string): void };
    DeskLensGenericBlind: {
      createGenericAdapter(d: unknown, w: Window): { observe(s: AbortSignal, cb: (snapshot: Snapshot) => void): void };
    };
  }
}

const helpdesks = existsSync(BLIND_DIR)
  ? readdirSync(BLIND_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];
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
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const parsed = parseGenericAdapter(JSON.parse(readFileSync(join(dir, 'description.json'), 'utf8')));
    expect(parsed.ok ? [] : parsed.errors, 'the admin’s description is accepted').toEqual([]);
    if (!parsed.ok) return;

    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const origin = new URL(expected.url).origin;
    // Every path of the product's origin is the same single-page app, as a real helpdesk serves it.
    await page.route(`${origin}/**`, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ status: 404, body: '' }),
    );
    await page.goto(expected.url);
    await page.addScriptTag({ content: bundle });
    await page.evaluate((description) => {
      window.__blindSnapshots = [];
      window.DeskLensGenericBlind.createGenericAdapter(description, window).observe(new AbortController().signal, (s) =>
        window.__blindSnapshots.push(s),
      );
    }, parsed.description);

    for (const [index, ticket] of expected.tickets.entries()) {
      if (index > 0) {
        await page.evaluate((id) => {
          window.__blindFixture?.switchTo(id);
          // A read while the URL already names the next ticket and the pane is still the last one (the adapter also
          // reads on its once-a-second URL check, which lands in that gap now and then): it must not mix the two.
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, ticket.ticketId);
      }
      const latest = async () => {
        const snapshot = await page.evaluate(() => window.__blindSnapshots.at(-1));
        if (!snapshot?.ticket || snapshot.ticket.ticketId !== ticket.ticketId) return { missing: snapshot?.missing };
        return { missing: snapshot.missing, read: asRead(snapshot.ticket, ticket) };
      };
      await expect
        .poll(latest, { message: `${expected.product}, ticket ${ticket.ticketId}` })
        .toEqual({ missing: [], read: normalised(ticket) });
    }
    // Right after a switch the URL names the next ticket while the pane still shows the last: no snapshot may ever
    // have paired one ticket's id with another's subject.
    const subjects = new Map(expected.tickets.map((t) => [t.ticketId, t.subject]));
    const mixed = (await page.evaluate(() => window.__blindSnapshots))
      .map((s) => s.ticket)
      .filter((t) => t?.subject !== undefined && subjects.get(t.ticketId) !== undefined)
      .filter((t) => t?.subject !== subjects.get(t?.ticketId ?? ''))
      .map((t) => `${t?.ticketId}: ${t?.subject}`);
    expect(mixed).toEqual([]);
    expect(errors).toEqual([]);
  });
}
