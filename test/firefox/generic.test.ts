import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import freshdesk from '../../docs/adapters/freshdesk-like.json';
import { configureBuild } from '../../scripts/fleet-build';
import { launchFirefoxWithExtension } from '../harness/firefox';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { FIREFOX_BUILD, GECKO_ID, requireBuild } from '../harness/paths';
import { FIREFOX_POLICY_FILE, installPolicy, policyUnavailableReason } from '../harness/policy';

const unavailable = await policyUnavailableReason(FIREFOX_POLICY_FILE);
if (unavailable) console.warn(`Skipping the Firefox described-helpdesk test: ${unavailable}`);

/**
 * Zero-touch on Firefox for a described helpdesk on a non-default port: the description comes by policy (managed
 * storage), the grant with the fleet's configured build (scripts/fleet-build.ts). Firefox takes no port in a match
 * pattern, so the browser injects on every port of the host; the content script keeps to the described one.
 */
describe.skipIf(Boolean(unavailable))('a described helpdesk with a port in Firefox ESR', () => {
  let described: FixtureServer;
  let otherPort: FixtureServer;
  beforeAll(async () => {
    described = await startFixtureServer();
    otherPort = await startFixtureServer();
  });
  afterAll(async () => {
    await described?.close();
    await otherPort?.close();
  });

  it('runs the overlay on the described port only, with the description from policy and no prompt', async () => {
    const origin = `https://${FIXTURE_HOSTS.generic}:${described.port}/*`;
    const build = await mkdtemp(join(tmpdir(), 'desklens-fleet-firefox-'));
    await configureBuild(requireBuild(FIREFOX_BUILD), build, { origins: [origin] });
    const removePolicy = await installPolicy(FIREFOX_POLICY_FILE, {
      policies: {
        '3rdparty': { Extensions: { [GECKO_ID]: { genericAdapters: [{ ...freshdesk, matches: [origin] }] } } },
      },
    });
    const firefox = await launchFirefoxWithExtension({ extensionDir: build });
    try {
      const page = await firefox.browser.newPage();
      await page.goto(`${described.origin(FIXTURE_HOSTS.generic)}/a/tickets/41`);
      await page.waitForSelector(
        'desklens-overlay[data-active="true"][data-state="ready"][data-helpdesk="generic:acme-desk"][data-ticket-id="41"]',
        { timeout: 30_000 },
      );
      const subject = await page.waitForSelector('pierce/.dl-subject');
      expect(await subject?.evaluate((node) => node.textContent)).toBe('Order arrived damaged');

      // The same host on another port is not the described helpdesk: the script is there, the overlay is not.
      await page.goto(`${otherPort.origin(FIXTURE_HOSTS.generic)}/a/tickets/41`);
      await page.waitForSelector('.ticket-subject-heading');
      await new Promise((done) => setTimeout(done, 4_000));
      expect(await page.$$('desklens-overlay')).toHaveLength(0);
    } finally {
      await firefox.close();
      await removePolicy();
      await rm(build, { recursive: true, force: true });
    }
  });
});
