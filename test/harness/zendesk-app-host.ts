import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import type { FixtureServer } from './fixture-server';
import { FIXTURE_HOSTS } from './hosts';

export interface AppHostOptions {
  backendUrl: string;
  token: string;
  locale?: string;
  ticket?: string;
  width?: number;
  settings?: Record<string, unknown>;
}

/**
 * Opens the Zendesk app host fixture (test/fixtures/zendesk-app-host) with the built app in its sidebar, as an
 * admin's installation would configure it: the backend address as a setting, the token as a secure setting that
 * only the proxy (the fixture server, standing in for Zendesk's servers) holds, the backend's host whitelisted.
 */
export async function openZendeskAppHost(
  context: BrowserContext,
  server: FixtureServer,
  options: AppHostOptions,
): Promise<{ page: Page; app: FrameLocator }> {
  server.zendeskProxy.secureSettings = { token: options.token };
  server.zendeskProxy.domainWhitelist = [new URL(options.backendUrl).hostname];
  server.zendeskProxy.down = false;
  server.zendeskProxy.forwarded = [];
  const query = new URLSearchParams({
    app: server.origin(FIXTURE_HOSTS.zendeskApp),
    settings: JSON.stringify({ backendUrl: options.backendUrl, ...options.settings }),
    locale: options.locale ?? 'en-US',
    ticket: options.ticket ?? '1001',
    width: String(options.width ?? 320),
  });
  const page = await context.newPage();
  await page.goto(`${server.origin(FIXTURE_HOSTS.zendesk)}/fixtures/zendesk-app-host/index.html?${query}`);
  return { page, app: page.frameLocator('iframe[title="DeskLens"]') };
}
