import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_TICKETS } from '../../lib/overlay/features/runtime';
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
    // One overlay: a host per kept ticket (one so far), one of them in front.
    expect(await page.$$eval('desklens-overlay', (hosts) => hosts.length)).toBe(1);
    expect(await page.$$eval(active, (hosts) => hosts.length)).toBe(1);
    const navigate = (id: string) =>
      page.evaluate(
        (ticket) => (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate(ticket),
        id,
      );
    // Whether the agent can see the ticket's panel: its contents rendered, and the host not hidden from assistive
    // technology (components/overlay.css skips a kept panel's contents while its ticket is out of front).
    const visibility = (id: string) =>
      page.$eval(`desklens-overlay[data-ticket-id="${id}"]`, (host) => {
        const subject = host.shadowRoot?.querySelector('.dl-subject');
        const rendered = subject?.checkVisibility() === true;
        const read = host.getAttribute('aria-hidden') !== 'true';
        return rendered && read ? 'visible' : !rendered && !read ? 'hidden' : `rendered ${rendered}, read ${read}`;
      });

    await navigate('1003');
    await page.waitForSelector(`${active}[data-ticket-id="1003"]`, { timeout: 10_000 });
    const score = await page.waitForSelector('pierce/[data-score="5"]');
    expect(score).not.toBeNull();
    // 1001's panel is kept out of sight, and shown again on the way back.
    expect(await visibility('1001')).toBe('hidden');
    expect(await visibility('1003')).toBe('visible');
    await navigate('1001');
    await page.waitForSelector(`${active}[data-ticket-id="1001"][data-state="ready"]`, { timeout: 10_000 });
    expect(await visibility('1001')).toBe('visible');
    expect(await visibility('1003')).toBe('hidden');
    const hosts = await page.$$eval('desklens-overlay', (all) => all.length);
    expect(hosts).toBe(2);
    expect(hosts).toBeLessThanOrEqual(KEPT_TICKETS);
  });
});
