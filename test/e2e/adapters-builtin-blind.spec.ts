import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * Zendesk and Salesforce as an agent whose helpdesk speaks Chinese sees them, written by a helper that read only the
 * public DOM evidence (shared/research) and a list of the products' Chinese labels, never the adapters
 * (test/fixtures/builtin-blind/README.md). The built-in adapter runs in Chromium's real DOM on each page, with
 * Zendesk's REST API answering nothing, so everything must come from the page; every ticket switched to must read as
 * written down, and no snapshot may pair one ticket's id with another's subject.
 */
const BLIND_DIR = 'test/fixtures/builtin-blind';

interface ExpectedTicket {
  url: string;
  ticketId: string;
  subject: string;
  status: string;
  priority: string;
  requester: { name: string };
  organization?: string;
  tags?: string[];
}
type Observe = { observe(s: AbortSignal, cb: (snapshot: BlindSnapshot) => void): void };
declare global {
  interface Window {
    DeskLensBuiltin: { createZendeskAdapter(w: Window): Observe; createSalesforceAdapter(w: Window): Observe };
  }
}

const pages = blindFolders(BLIND_DIR);
const bundles = {
  zendesk: () => pageBundle('lib/adapters/zendesk/adapter.ts', 'DeskLensBuiltin'),
  salesforce: () => pageBundle('lib/adapters/salesforce/adapter.ts', 'DeskLensBuiltin'),
};

function asRead(ticket: TicketContextInput, expected: ExpectedTicket): ExpectedTicket {
  return {
    url: expected.url,
    ticketId: ticket.ticketId,
    subject: ticket.subject ?? '',
    status: ticket.status ?? '',
    priority: ticket.priority ?? '',
    requester: { name: ticket.requester?.name ?? '' },
    ...('organization' in expected ? { organization: ticket.organization?.name } : {}),
    ...(expected.tags ? { tags: [...(ticket.tags ?? [])].sort() } : {}),
  };
}

for (const name of pages) {
  test(`the built-in adapter reads ${name}, written blind, as its agent sees it`, async ({ extension }) => {
    const product = name.startsWith('zendesk') ? 'zendesk' : 'salesforce';
    const dir = join(BLIND_DIR, name);
    const html = readFileSync(join(dir, 'page.html'), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as BlindExpected<ExpectedTicket>;
    const { page, errors } = await openBlindPage(extension.context, expected.url, html);
    await page.addScriptTag({ content: bundles[product]() });
    await page.evaluate((which) => {
      window.__blindSnapshots = [];
      const create =
        which === 'zendesk'
          ? window.DeskLensBuiltin.createZendeskAdapter
          : window.DeskLensBuiltin.createSalesforceAdapter;
      create(window).observe(new AbortController().signal, (s) => window.__blindSnapshots.push(s));
    }, product);

    for (const [index, ticket] of expected.tickets.entries()) {
      if (index > 0) await switchBlindTicket(page, ticket.ticketId);
      const latest = () => blindReading(page, ticket.ticketId, (read) => asRead(read, ticket));
      const wanted = { ...ticket, ...(ticket.tags ? { tags: [...ticket.tags].sort() } : {}) };
      await expect
        .poll(latest, { message: `${expected.product}, ticket ${ticket.ticketId}` })
        .toEqual({ missing: [], read: wanted });
    }
    expect(await mixedBlindTickets(page, expected.tickets)).toEqual([]);
    expect(errors).toEqual([]);
  });
}
