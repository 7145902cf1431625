import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from '../harness/firefox';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';

describe('Firefox ESR with the Firefox build', () => {
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;

  beforeAll(async () => {
    fixtures = await startFixtureServer();
    firefox = await launchFirefoxWithExtension();
  });

  afterAll(async () => {
    await firefox?.close();
    await fixtures?.close();
  });

  it('mounts the overlay on a Zendesk ticket at its real host name and follows a tab switch', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${fixtures.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1001`);
    const active = 'desklens-overlay[data-active="true"]';
    await page.waitForSelector(`${active}[data-ticket-id="1001"][data-state="ready"]`, { timeout: 20_000 });
    expect(await page.$$eval('desklens-overlay', (hosts) => hosts.length)).toBe(1);

    await page.evaluate(() =>
      (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate('1003'),
    );
    await page.waitForSelector(`${active}[data-ticket-id="1003"]`, { timeout: 10_000 });
    const score = await page.waitForSelector('pierce/[data-score="5"]');
    expect(score).not.toBeNull();
  });
});
