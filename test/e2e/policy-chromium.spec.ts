import type { Page } from '@playwright/test';
import { tokenForUser } from '../../server/testing';
import { configureExtension, startTestBackend, type TestBackend } from '../harness/backend';
import { startIdentityProvider, type TestIdentityProvider } from '../harness/oidc-provider';
import { EXTENSION_ID } from '../harness/paths';
import { CHROMIUM_POLICY_FILE, installPolicy, policyUnavailableReason } from '../harness/policy';
import { policyFromConsole } from '../harness/rollout';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const unavailable = await policyUnavailableReason(CHROMIUM_POLICY_FILE);
const ADA = { email: 'ada@acme.test', password: 'ada-signs-in-at-acme', name: 'Ada Agent' };

/** The organisation's provider, set up on the backend by its admin (docs/admin/identity.md). */
async function organisationWithSso(): Promise<{ backend: TestBackend; idp: TestIdentityProvider }> {
  const backend = await startTestBackend();
  const idp = await startIdentityProvider([`${backend.url}/api/v1/sso/callback`], [ADA]);
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
  return { backend, idp };
}

/**
 * The Linux policy an admin makes on the console's rollout page for Tier 1 with single sign-on, pointed at the test
 * backend: the file the console hands out is the file installed.
 */
async function installConsolePolicy(backend: TestBackend) {
  const generated = JSON.parse(
    await policyFromConsole(
      backend,
      {
        browsers: ['Chrome'],
        platforms: ['Linux'],
        backendUrl: backend.url,
        team: 'Tier 1',
        enrollmentToken: backend.demo?.enrollmentToken,
        identity: 'Single sign-on (identity provider)',
      },
      'chromium-linux.json',
    ),
  ) as {
    ExtensionSettings: Record<string, unknown>;
    '3rdparty': { extensions: Record<string, Record<string, unknown>> };
  };
  expect(Object.keys(generated.ExtensionSettings)).toEqual([EXTENSION_ID]);
  const settings = {
    ...generated['3rdparty'].extensions[EXTENSION_ID],
    // The right type for Chromium's schema, out of range for DeskLens (the console would refuse it): it must be
    // named, not used.
    notificationLeadMinutes: 9999,
  };
  expect(settings).toMatchObject({ backendUrl: backend.url, identity: 'sso', team: 'tier-1' });
  // Only the configuration part: force-installing from the file's update URL cannot work offline, and the test
  // loads the build unpacked.
  return installPolicy(CHROMIUM_POLICY_FILE, { '3rdparty': { extensions: { [EXTENSION_ID]: settings } } });
}

async function signInAtProvider(page: Page) {
  await page.getByLabel('Email').fill(ADA.email);
  await page.getByLabel('Password').fill(ADA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const scoresOf = (backend: TestBackend) =>
  backend.db.selectFrom('feedback').select(['ticket_id', 'csat', 'agent_id', 'team_id']).execute();

/**
 * Zero-touch rollout on a real Chromium: the Linux policy made on the console's rollout page sets the server, the team's enrollment token
 * and SSO; the extension signs the agent in through the organisation's OpenID provider (a real one, oidc-provider)
 * with identity.launchWebAuthFlow, and syncs — nobody types anything into DeskLens.
 */
test.describe('enterprise policy in Chromium', () => {
  test.skip(Boolean(unavailable), unavailable ?? '');

  test('with a provider session the browser signs in by itself: the score is Ada’s, nothing typed into DeskLens', async ({
    fixtureServer,
  }) => {
    const { backend, idp } = await organisationWithSso();
    const removePolicy = await installConsolePolicy(backend);
    const { launchChromiumWithExtension } = await import('../harness/chromium');
    const browser = await launchChromiumWithExtension();
    try {
      // The agent's own (stale) setting loses to the policy.
      await configureExtension(browser, { backendUrl: 'http://127.0.0.1:9' });

      // Ada's morning: she signed in to her organisation's apps (here its intranet), as she does every day.
      const intranet = await browser.context.newPage();
      await intranet.goto(idp.intranetSignInUrl());
      await signInAtProvider(intranet);
      await expect(intranet.getByRole('heading', { name: 'Signed in to the intranet' })).toBeVisible();
      await intranet.close();

      const pagesBefore = browser.context.pages().length;
      const page = await browser.context.newPage();
      await page.goto(`${fixtureServer.origin('acme.zendesk.com')}/agent/tickets/1003`);
      const overlay = page.locator(ACTIVE_OVERLAY);
      await expect(overlay).toHaveAttribute('data-state', 'ready');
      await overlay.locator('[data-score="5"]').click();

      await expect
        .poll(() => scoresOf(backend), { timeout: 20_000 })
        .toEqual([{ ticket_id: '1003', csat: 5, agent_id: backend.demo?.agentId, team_id: backend.demo?.teamId }]);
      // Silent: no window was opened for the sign-in.
      expect(browser.context.pages().length).toBe(pagesBefore + 1);
      const device = await backend.db.selectFrom('devices').select(['method', 'user_id']).executeTakeFirstOrThrow();
      expect(device).toEqual({ method: 'sso', user_id: backend.demo?.agentId });

      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      const backendField = options.locator('[data-field="backendUrl"]');
      await expect(backendField).toHaveAttribute('data-locked', 'true');
      await expect(backendField.locator('input')).toHaveValue(backend.url);
      await expect(backendField.locator('input')).toBeDisabled();
      await expect(backendField).toContainText('Set by your organization');
      await expect(options.locator('[data-field="team"]')).toHaveAttribute('data-locked', 'true');
      await expect(options.locator('[data-field="team"] input')).toHaveValue('tier-1');
      await expect(options.locator('[data-identity-state="bound"]')).toContainText('ada@acme.test');

      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      await expect(popup.locator('[data-policy-error="notificationLeadMinutes"]')).toContainText(
        'notificationLeadMinutes',
      );
      await expect(popup.locator('[data-identity-state="bound"]')).toContainText('single sign-on');
      // The popup's count is this browser's: the score and the ticket's SLA outcomes, all on the server.
      await expect
        .poll(async () => {
          await popup.reload();
          const shown = Number(await popup.locator('[data-count="sent"]').textContent());
          const stored = (await backend.db.selectFrom('events').select('id').execute()).length;
          return shown === stored && stored > 1 ? 'agrees' : `popup ${shown}, server ${stored}`;
        })
        .toBe('agrees');
    } finally {
      await browser.close();
      await removePolicy();
      await backend.dispose();
      await idp.close();
    }
  });

  test('without a provider session, the score waits; one click opens the provider’s window and then it is sent', async ({
    fixtureServer,
  }) => {
    const { backend, idp } = await organisationWithSso();
    const removePolicy = await installConsolePolicy(backend);
    const { launchChromiumWithExtension } = await import('../harness/chromium');
    const browser = await launchChromiumWithExtension();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${fixtureServer.origin('acme.zendesk.com')}/agent/tickets/1003`);
      const overlay = page.locator(ACTIVE_OVERLAY);
      await expect(overlay).toHaveAttribute('data-state', 'ready');
      await overlay.locator('[data-score="4"]').click();

      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      const identity = popup.locator('[data-identity-state="needs_sign_in"]');
      await expect(identity).toContainText('Sign in with your organization’s account');
      await expect(popup.locator('[data-count="queued"]')).not.toHaveText('0');
      expect(await scoresOf(backend)).toEqual([]);

      // launchWebAuthFlow's window: the provider's own sign-in page.
      const providerWindow = browser.context.waitForEvent('page', (p) => p.url().startsWith(idp.issuer));
      await identity.getByRole('button', { name: 'Sign in' }).click();
      await signInAtProvider(await providerWindow);

      await expect
        .poll(() => scoresOf(backend), { timeout: 20_000 })
        .toEqual([{ ticket_id: '1003', csat: 4, agent_id: backend.demo?.agentId, team_id: backend.demo?.teamId }]);
      await expect(popup.locator('[data-identity-state="bound"]')).toContainText('ada@acme.test');
    } finally {
      await browser.close();
      await removePolicy();
      await backend.dispose();
      await idp.close();
    }
  });
});
