import { configureExtension, signInAsAdmin, startTestBackend } from '../harness/backend';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

test('what an admin switches off on the server disappears from the overlay, and a helpdesk left out gets none', async ({
  extension,
  zendeskOrigin,
  salesforceOrigin,
}) => {
  const backend = await startTestBackend();
  try {
    const admin = await signInAsAdmin(backend);
    const save = async (kind: string, value: unknown) => expect((await admin.save(kind, value)).status).toBe(200);

    await configureExtension(extension, {
      backendUrl: backend.url,
      agentToken: backend.demo?.agentToken,
    });
    const page = await extension.context.newPage();
    await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay.locator('.dl-tier-badge')).toBeVisible();
    await expect(overlay.locator('[data-script-id]').first()).toBeVisible();

    await save('features', { tierBadge: false, scripts: false });
    await save('helpdesks', ['zendesk']);
    // "Sync now" in the popup: the team configuration arrives at once.
    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await popup.getByRole('button', { name: 'Sync now' }).click();
    await popup.close();

    // The open ticket follows without a reload: no badge, no scripts, scoring still there.
    await expect(overlay.locator('.dl-tier-badge')).toHaveCount(0);
    await expect(overlay.locator('[data-script-id]')).toHaveCount(0);
    await expect(overlay.locator('[data-score="3"]')).toBeVisible();

    const console = await extension.context.newPage();
    await console.goto(`${salesforceOrigin}/lightning/r/Case/500Hs00001XyZaAIAV/view`);
    await expect(console.locator('.navexWorkspaceManager')).toBeVisible();
    await console.waitForTimeout(1_500);
    await expect(console.locator('desklens-overlay')).toHaveCount(0);
  } finally {
    await backend.dispose();
  }
});
