import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenForUser } from '../../server/testing';
import { startTestBackend, type TestBackend } from '../harness/backend';
import { launchFirefoxWithExtension } from '../harness/firefox';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { startIdentityProvider, type TestIdentityProvider } from '../harness/oidc-provider';
import { GECKO_ID } from '../harness/paths';
import { FIREFOX_POLICY_FILE, installPolicy, policyUnavailableReason, samplePolicy } from '../harness/policy';

const unavailable = await policyUnavailableReason(FIREFOX_POLICY_FILE);
if (unavailable) console.warn(`Skipping the Firefox policy test: ${unavailable}`);
const ADA = { email: 'ada@acme.test', password: 'ada-signs-in-at-acme', name: 'Ada Agent' };

/** The documented policies.json on a real Firefox ESR: server, enrollment token and identity mode from policy. */
describe.skipIf(Boolean(unavailable))('enterprise policy in Firefox ESR', () => {
  let fixtures: FixtureServer;
  beforeAll(async () => {
    fixtures = await startFixtureServer();
  });
  afterAll(async () => {
    await fixtures?.close();
  });

  async function withPolicy(
    backend: TestBackend,
    identity: 'sso' | 'approval',
    run: (open: () => Promise<Page>) => Promise<void>,
  ) {
    const sample = samplePolicy('firefox-policies.json') as {
      policies: { '3rdparty': { Extensions: Record<string, Record<string, unknown>> } };
    };
    const documented = sample.policies['3rdparty'].Extensions[GECKO_ID];
    expect(documented?.identity).toBe('sso');
    const settings = {
      ...documented,
      backendUrl: backend.url,
      enrollmentToken: backend.demo?.enrollmentToken,
      identity,
    };
    // The configuration part only: the sample's install URL cannot be reached offline; the harness installs the build.
    const removePolicy = await installPolicy(FIREFOX_POLICY_FILE, {
      policies: { '3rdparty': { Extensions: { [GECKO_ID]: settings } } },
    });
    const firefox = await launchFirefoxWithExtension();
    try {
      await run(() => firefox.browser.newPage());
    } finally {
      await firefox.close();
      await removePolicy();
    }
  }

  async function scoreTicket(page: Page, csat: number, ticket = '1003') {
    await page.goto(`${fixtures.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/${ticket}`);
    await page.waitForSelector('desklens-overlay[data-active="true"][data-state="ready"]', { timeout: 20_000 });
    await (await page.waitForSelector(`pierce/[data-score="${csat}"]`))?.click();
  }

  async function feedbackRows(backend: TestBackend, until: (rows: unknown[]) => boolean) {
    const deadline = Date.now() + 45_000;
    let rows: unknown[] = [];
    while (Date.now() < deadline) {
      rows = await backend.db
        .selectFrom('feedback')
        .select(['ticket_id', 'csat', 'agent_id'])
        .orderBy('ticket_id')
        .execute();
      if (until(rows)) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    return rows;
  }

  it('signs the agent in by SSO through the provider’s session, nothing typed into DeskLens', async () => {
    const backend = await startTestBackend();
    let idp: TestIdentityProvider | undefined;
    try {
      idp = await startIdentityProvider([`${backend.url}/api/v1/sso/callback`], [ADA]);
      const saved = await fetch(`${backend.url}/api/v1/identity/settings`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${await tokenForUser(backend.db, 'admin@acme.test')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          preferredMode: 'sso',
          allowedModes: ['sso'],
          oidc: {
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
            allowedDomains: ['acme.test'],
          },
        }),
      });
      expect(saved.status).toBe(200);
      const provider = idp;
      await withPolicy(backend, 'sso', async (open) => {
        // Ada's morning sign-in to her organisation's apps.
        const intranet = await open();
        await intranet.goto(provider.intranetSignInUrl());
        await intranet.type('input[name="login"]', ADA.email);
        await intranet.type('input[name="password"]', ADA.password);
        await Promise.all([intranet.waitForNavigation(), intranet.click('button[type="submit"]')]);
        expect(await intranet.$eval('h1', (h) => h.textContent)).toBe('Signed in to the intranet');

        await scoreTicket(await open(), 2);
        expect(await feedbackRows(backend, (rows) => rows.length > 0)).toEqual([
          { ticket_id: '1003', csat: 2, agent_id: backend.demo?.agentId },
        ]);
      });
    } finally {
      await backend.dispose();
      await idp?.close();
    }
  });

  it('keeps a score while the browser waits for approval, and sends it as Ada once her lead approves', async () => {
    const backend = await startTestBackend();
    try {
      await withPolicy(backend, 'approval', async (open) => {
        await scoreTicket(await open(), 3);
        const lee = await tokenForUser(backend.db, 'lee@acme.test');
        const pending = async () =>
          (
            (await (
              await fetch(`${backend.url}/api/v1/devices?status=pending`, {
                headers: { authorization: `Bearer ${lee}` },
              })
            ).json()) as { devices: { id: string; email: string }[] }
          ).devices;
        const deadline = Date.now() + 20_000;
        while ((await pending()).length === 0 && Date.now() < deadline)
          await new Promise((done) => setTimeout(done, 250));
        const [device] = await pending();
        expect(device?.email).toBe('ada@acme.test');
        expect(await backend.db.selectFrom('feedback').select('ticket_id').execute()).toEqual([]);
        const approved = await fetch(`${backend.url}/api/v1/devices/${device?.id}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${lee}` },
        });
        expect(approved.status).toBe(200);
        // The agent scores the next ticket; that sync claims the approval and sends both.
        await scoreTicket(await open(), 5, '1001');
        expect(await feedbackRows(backend, (rows) => rows.length > 1)).toEqual([
          { ticket_id: '1001', csat: 5, agent_id: backend.demo?.agentId },
          { ticket_id: '1003', csat: 3, agent_id: backend.demo?.agentId },
        ]);
      });
    } finally {
      await backend.dispose();
    }
  });
});
