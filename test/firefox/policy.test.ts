import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend } from '../harness/backend';
import { launchFirefoxWithExtension } from '../harness/firefox';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { GECKO_ID } from '../harness/paths';
import { FIREFOX_POLICY_FILE, installPolicy, policyUnavailableReason, samplePolicy } from '../harness/policy';

const unavailable = await policyUnavailableReason(FIREFOX_POLICY_FILE);
if (unavailable) console.warn(`Skipping the Firefox policy test: ${unavailable}`);

/** The documented policies.json on a real Firefox ESR: server and enrollment token from policy, nothing typed. */
describe.skipIf(Boolean(unavailable))('enterprise policy in Firefox ESR', () => {
  let fixtures: FixtureServer;
  beforeAll(async () => {
    fixtures = await startFixtureServer();
  });
  afterAll(async () => {
    await fixtures?.close();
  });

  it('uses the policy’s server and enrollment token for sync', async () => {
    const backend = await startTestBackend();
    const sample = samplePolicy('firefox-policies.json') as {
      policies: { '3rdparty': { Extensions: Record<string, Record<string, unknown>> } };
    };
    const settings = {
      ...sample.policies['3rdparty'].Extensions[GECKO_ID],
      backendUrl: backend.url,
      enrollmentToken: backend.demo?.enrollmentToken,
    };
    // The configuration part only: the sample's install URL cannot be reached offline; the harness installs the build.
    const removePolicy = await installPolicy(FIREFOX_POLICY_FILE, {
      policies: { '3rdparty': { Extensions: { [GECKO_ID]: settings } } },
    });
    const firefox = await launchFirefoxWithExtension();
    try {
      const page = await firefox.browser.newPage();
      await page.goto(`${fixtures.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1003`);
      await page.waitForSelector('desklens-overlay[data-active="true"][data-state="ready"]', { timeout: 20_000 });
      const score = await page.waitForSelector('pierce/[data-score="2"]');
      await score?.click();
      const deadline = Date.now() + 20_000;
      let rows: unknown[] = [];
      while (Date.now() < deadline) {
        rows = await backend.db.selectFrom('feedback').select(['ticket_id', 'csat', 'agent_id']).execute();
        if (rows.length > 0) break;
        await new Promise((done) => setTimeout(done, 250));
      }
      expect(rows).toEqual([{ ticket_id: '1003', csat: 2, agent_id: backend.demo?.agentId }]);
    } finally {
      await firefox.close();
      await removePolicy();
      await backend.dispose();
    }
  });
});
