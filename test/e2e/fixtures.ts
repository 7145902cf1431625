import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { KEPT_TICKETS } from '../../lib/overlay/features/runtime';
import { configureExtension, startTestBackend, type TestBackend } from '../harness/backend';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../harness/chromium';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';

interface WorkerFixtures {
  fixtureServer: FixtureServer;
}
interface TestFixtures {
  extension: ExtensionBrowser;
  /**
   * A real backend (throwaway SQLite, demo org) the extension is already connected to as the demo agent, Ada
   * Agent, the way the options page would set it up.
   */
  backend: TestBackend;
  /** `https://acme.zendesk.com:<port>` */
  zendeskOrigin: string;
  /** `https://acme.lightning.force.com:<port>` */
  salesforceOrigin: string;
}

/** Each test gets a fresh Chromium profile with the built extension; the fixture server is shared per worker. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  fixtureServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring argument.
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring argument.
  extension: async ({}, use) => {
    const browser = await launchChromiumWithExtension();
    await use(browser);
    await browser.close();
  },
  backend: async ({ extension }, use) => {
    const backend = await startTestBackend();
    try {
      await configureExtension(extension, {
        backendUrl: backend.url,
        agentToken: backend.demo?.agentToken,
        agentName: 'Ada Agent',
      });
      await use(backend);
    } finally {
      await backend.dispose();
    }
  },
  zendeskOrigin: async ({ fixtureServer }, use) => use(fixtureServer.origin(FIXTURE_HOSTS.zendesk)),
  salesforceOrigin: async ({ fixtureServer }, use) => use(fixtureServer.origin(FIXTURE_HOSTS.salesforce)),
});

export { expect };

/** The automation contract's active overlay (ARCHITECTURE.md, stable hooks). */
export const ACTIVE_OVERLAY = 'desklens-overlay[data-active="true"]';

/**
 * One overlay on the page, not two mounts of it: one shadow host in front, among at most as many as the overlay
 * keeps tickets' panels (lib/overlay/panel-hosts.tsx), each for another ticket.
 */
export async function expectOneOverlay(page: Page): Promise<void> {
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveCount(1);
  const tickets = await page
    .locator('desklens-overlay')
    .evaluateAll((hosts) => hosts.map((host) => (host as HTMLElement).dataset.ticketId ?? ''));
  expect(tickets.length, `hosts for ${tickets}`).toBeLessThanOrEqual(KEPT_TICKETS);
  expect(new Set(tickets).size, `one host per ticket: ${tickets}`).toBe(tickets.length);
}

/** A new tab on a Zendesk fixture ticket, its overlay ready: the page and the active overlay. */
export async function openZendeskTicket(context: BrowserContext, origin: string, ticketId: string) {
  const page = await context.newPage();
  await page.goto(`${origin}/agent/tickets/${ticketId}`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  return { page, overlay };
}
