import { configureExtension, startTestBackend } from '../harness/backend';
import { EXTENSION_ID } from '../harness/paths';
import { CHROMIUM_POLICY_FILE, installPolicy, policyUnavailableReason, samplePolicy } from '../harness/policy';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const unavailable = await policyUnavailableReason(CHROMIUM_POLICY_FILE);

/**
 * Zero-touch rollout on a real Chromium: the documented Linux policy sets the server and the team's enrollment
 * token; the browser learns who the agent is from Zendesk, enrolls, and syncs — the agent configures nothing.
 */
test.describe('enterprise policy in Chromium', () => {
  test.skip(Boolean(unavailable), unavailable ?? '');

  test('the policy’s server and enrollment token are used for sync, and shown locked in options', async ({
    fixtureServer,
  }) => {
    const backend = await startTestBackend();
    const sample = samplePolicy('chromium-linux.json') as {
      '3rdparty': { extensions: Record<string, Record<string, unknown>> };
    };
    const settings = {
      ...sample['3rdparty'].extensions[EXTENSION_ID],
      backendUrl: backend.url,
      enrollmentToken: backend.demo?.enrollmentToken,
      // The right type for Chromium's schema, out of range for DeskLens: it must be named, not used.
      notificationLeadMinutes: 9999,
    };
    // Only the configuration part: force-installing from the sample's update URL cannot work offline, and the
    // test loads the build unpacked.
    const removePolicy = await installPolicy(CHROMIUM_POLICY_FILE, {
      '3rdparty': { extensions: { [EXTENSION_ID]: settings } },
    });
    const { launchChromiumWithExtension } = await import('../harness/chromium');
    const browser = await launchChromiumWithExtension();
    try {
      // The agent's own (stale) setting loses to the policy.
      await configureExtension(browser, { backendUrl: 'http://127.0.0.1:9' });

      const page = await browser.context.newPage();
      await page.goto(`${fixtureServer.origin('acme.zendesk.com')}/agent/tickets/1003`);
      const overlay = page.locator(ACTIVE_OVERLAY);
      await expect(overlay).toHaveAttribute('data-state', 'ready');
      await overlay.locator('[data-score="5"]').click();

      await expect
        .poll(() => backend.db.selectFrom('feedback').select(['ticket_id', 'csat', 'agent_id', 'team_id']).execute(), {
          timeout: 20_000,
        })
        .toEqual([{ ticket_id: '1003', csat: 5, agent_id: backend.demo?.agentId, team_id: backend.demo?.teamId }]);

      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      const backendField = options.locator('[data-field="backendUrl"]');
      await expect(backendField).toHaveAttribute('data-locked', 'true');
      await expect(backendField.locator('input')).toHaveValue(backend.url);
      await expect(backendField.locator('input')).toBeDisabled();
      await expect(backendField).toContainText('Set by your organization');
      await expect(options.locator('[data-field="team"]')).toHaveAttribute('data-locked', 'true');
      await expect(options.locator('[data-field="team"] input')).toHaveValue('tier-1');

      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      await expect(popup.locator('[data-policy-error="notificationLeadMinutes"]')).toContainText(
        'notificationLeadMinutes',
      );
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
    }
  });
});
