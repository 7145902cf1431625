import { test as base, expect } from '@playwright/test';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../harness/chromium';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';

interface WorkerFixtures {
  fixtureServer: FixtureServer;
}
interface TestFixtures {
  extension: ExtensionBrowser;
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
  zendeskOrigin: async ({ fixtureServer }, use) => use(fixtureServer.origin(FIXTURE_HOSTS.zendesk)),
  salesforceOrigin: async ({ fixtureServer }, use) => use(fixtureServer.origin(FIXTURE_HOSTS.salesforce)),
});

export { expect };

/** The automation contract's active overlay (ARCHITECTURE.md, stable hooks). */
export const ACTIVE_OVERLAY = 'desklens-overlay[data-active="true"]';
