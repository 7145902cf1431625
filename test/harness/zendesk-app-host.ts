import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { linkZendeskAgents, writeZendeskAppSettings } from '../../server/zendesk-app/settings';
import type { TestBackend } from './backend';
import type { FixtureServer } from './fixture-server';
import { FIXTURE_HOSTS } from './hosts';

/** The demo agents as Zendesk knows them (user ids), linked to their DeskLens users by email. */
export const ZENDESK_AGENTS = { ada: '90001', bo: '90002' } as const;

export interface AppHostOptions {
  backend: TestBackend;
  /** The Zendesk agent at the screen, whom Zendesk signs the sidebar for (default Ada). */
  zendeskUserId?: string;
  /** false: the organisation has not entered the app's key in DeskLens. */
  configured?: boolean;
  locale?: string;
  ticket?: string;
  width?: number;
  settings?: Record<string, unknown>;
}

/**
 * What an admin does once (docs/admin/zendesk-app.md): enter the Zendesk account and the app's public key, and link
 * the Zendesk agents to DeskLens users. Written straight into the backend's database; the admin API is tested in
 * server/zendesk-app/zendesk-app.test.ts.
 */
export async function setUpZendeskApp(backend: TestBackend, server: FixtureServer): Promise<void> {
  const orgId = backend.demo?.orgId ?? '';
  await writeZendeskAppSettings(backend.db, orgId, { subdomain: 'acme', publicKey: server.zendeskSigner.publicKey });
  await linkZendeskAgents(backend.db, orgId, [
    { zendeskUserId: ZENDESK_AGENTS.ada, email: 'ada@acme.test' },
    { zendeskUserId: ZENDESK_AGENTS.bo, email: 'bo@acme.test' },
  ]);
}

/**
 * Opens the Zendesk app host fixture (test/fixtures/zendesk-app-host) with the app in its sidebar the way Zendesk
 * loads a signed-URL app: the DeskLens server's sidebar page, POSTed with a token signed for the agent. Requests
 * from the app reach the backend through the stand-in for Zendesk's proxy (the fixture server).
 */
export async function openZendeskAppHost(
  context: BrowserContext,
  server: FixtureServer,
  options: AppHostOptions,
): Promise<{ page: Page; app: FrameLocator }> {
  if (options.configured !== false) await setUpZendeskApp(options.backend, server);
  server.zendeskProxy.secureSettings = {};
  server.zendeskProxy.domainWhitelist = [new URL(options.backend.url).hostname];
  server.zendeskProxy.down = false;
  server.zendeskProxy.forwarded = [];
  const query = new URLSearchParams({
    app: new URL(options.backend.url).origin,
    user: options.zendeskUserId ?? ZENDESK_AGENTS.ada,
    settings: JSON.stringify({ ...options.settings }),
    locale: options.locale ?? 'en-US',
    ticket: options.ticket ?? '1001',
    width: String(options.width ?? 320),
  });
  const page = await context.newPage();
  await page.goto(`${server.origin(FIXTURE_HOSTS.zendesk)}/fixtures/zendesk-app-host/index.html?${query}`);
  return { page, app: page.frameLocator('iframe[title="DeskLens"]') };
}
