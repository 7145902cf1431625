import { existsSync, readdirSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import type { TicketContextInput } from '../../lib/schema/ticket';

/**
 * Helpdesk pages written blind by helpers who never saw the adapters (test/fixtures/generic-blind,
 * test/fixtures/builtin-blind): each folder holds a page, what its agent sees (`expected.json`) and, for a described
 * helpdesk, the admin's description. Shared by the specs that read them.
 */
export interface BlindSnapshot {
  ticket?: TicketContextInput;
  missing: string[];
}
export interface BlindExpected<Ticket extends { url: string; ticketId: string; subject?: string }> {
  product: string;
  url: string;
  tickets: Ticket[];
}
declare global {
  interface Window {
    __blindSnapshots: BlindSnapshot[];
    __blindFixture?: { switchTo(id: string): void };
  }
}

/** The folders of a blind set, sorted; none when the set is not there. */
export function blindFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * The page at its product's own URL: every path of that origin is the same single-page app, as a real helpdesk
 * serves it, and anything else it asks for (Zendesk's REST API among them) is not found.
 */
export async function openBlindPage(
  context: BrowserContext,
  url: string,
  html: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${new URL(url).origin}/**`, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
      : route.fulfill({ status: 404, body: '' }),
  );
  await page.goto(url);
  return { page, errors };
}

/**
 * Switch as the page's app does, then read at once: the URL names the next ticket while the last one's pane is
 * still in front (the adapters also read on their once-a-second URL check, which lands in that gap now and then).
 */
export function switchBlindTicket(page: Page, ticketId: string): Promise<void> {
  return page.evaluate((id) => {
    window.__blindFixture?.switchTo(id);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, ticketId);
}

/**
 * What the latest snapshot says of `ticketId`, in the expectation's own shape (for `expect.poll` to compare with
 * `{ missing: [], read: expected }`); a snapshot of another ticket reads as such.
 */
export async function blindReading<Read>(
  page: Page,
  ticketId: string,
  asRead: (ticket: TicketContextInput) => Read,
): Promise<{ missing: string[] | string; read?: Read }> {
  const snapshot = await page.evaluate(() => window.__blindSnapshots.at(-1));
  if (!snapshot?.ticket || snapshot.ticket.ticketId !== ticketId) return { missing: 'another ticket' };
  return { missing: snapshot.missing, read: asRead(snapshot.ticket) };
}

/** Every snapshot that paired one listed ticket's id with another's subject, as `id: subject`. */
export async function mixedBlindTickets(
  page: Page,
  tickets: { ticketId: string; subject?: string }[],
): Promise<string[]> {
  const subjects = new Map(tickets.map((t) => [t.ticketId, t.subject]));
  return (await page.evaluate(() => window.__blindSnapshots))
    .map((snapshot) => snapshot.ticket)
    .filter((t): t is TicketContextInput => t?.subject !== undefined && subjects.get(t.ticketId) !== undefined)
    .filter((t) => t.subject !== subjects.get(t.ticketId))
    .map((t) => `${t.ticketId}: ${t.subject}`);
}
