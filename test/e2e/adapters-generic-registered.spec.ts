import { readFileSync } from 'node:fs';
import { configureExtension, currentScores, signInAsAdmin, startTestBackend } from '../harness/backend';
import { buildWithGrants, launchChromiumWithExtension, registeredContentScripts } from '../harness/chromium';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { ACTIVE_OVERLAY, expect, expectOneOverlay, test } from './fixtures';

/**
 * The whole admin path for a helpdesk DeskLens has no built-in adapter for: an admin saves a JSON description on
 * the backend, the extension pulls it with its team configuration, validates it, registers the generic content
 * script for that origin at run time, and the overlay follows the ticket in front of the agent there.
 */
const description: unknown = JSON.parse(readFileSync('docs/adapters/freshdesk-like.json', 'utf8'));
type FixtureWindow = { __fixture: { navigate(id: string): void; models: Record<string, { text: string }> } };

test('a generic adapter saved by an admin on the backend is registered at run time and runs the overlay', async ({
  fixtureServer,
}) => {
  const backend = await startTestBackend();
  const build = await buildWithGrants({ origins: [`https://${FIXTURE_HOSTS.generic}/*`] });
  const extension = await launchChromiumWithExtension({ extensionDir: build.dir });
  try {
    const admin = await signInAsAdmin(backend);
    expect((await admin.save('adapters', [description])).status).toBe(200);

    const worker = await extension.serviceWorker();
    await configureExtension(extension, { backendUrl: backend.url, agentToken: backend.demo?.agentToken });
    // The content script is registered only once the configuration holding the description has arrived.
    await expect
      .poll(() => registeredContentScripts(worker), { timeout: 45_000 })
      .toEqual([{ id: 'desklens-generic-acme-desk', matches: [`https://${FIXTURE_HOSTS.generic}/*`] }]);

    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.generic)}/a/tickets/41`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-ticket-id', '41');
    await expect(overlay).toHaveAttribute('data-helpdesk', 'generic:acme-desk');
    await expect(overlay).toHaveAttribute('data-state', 'ready');
    await expect(overlay.locator('.dl-subject')).toHaveText('Order arrived damaged');
    await expect(overlay.locator('.dl-requester')).toContainText('Mary Jackson');

    // Fast switches, then back: one overlay, always the ticket in front of the agent.
    await page.evaluate(() => {
      const fixture = (window as unknown as FixtureWindow).__fixture;
      fixture.navigate('42');
      fixture.navigate('43');
    });
    await expect(overlay).toHaveAttribute('data-ticket-id', '43');
    await expect(overlay.locator('.dl-subject')).toHaveText('Cancel my subscription');
    await page.goBack();
    await expect(overlay).toHaveAttribute('data-ticket-id', '42');
    await expect(overlay.locator('.dl-requester')).toContainText('张伟');
    await expectOneOverlay(page);

    // One click scores the ticket, and the score reaches the backend under this helpdesk's name.
    await overlay.locator('[data-score="5"]').click();
    await expect
      .poll(() => currentScores(backend))
      .toEqual([{ helpdesk: 'generic:acme-desk', ticket_id: '42', csat: 5 }]);
    expect(errors).toEqual([]);
  } finally {
    await extension.close();
    await build.dispose();
    await backend.dispose();
  }
});
