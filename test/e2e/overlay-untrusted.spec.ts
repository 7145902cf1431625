import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScriptEntry } from '../../lib/schema/scripts';
import { publishScripts } from '../../server/catalog/catalog.handlers';
import { configureExtension, startTestBackend } from '../harness/backend';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const payloads = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/payloads/injection.json'), 'utf8'),
) as string[];

/**
 * Host-page text (subject, requester, tags, messages) and script bodies are data: shown as text, never run,
 * never turned into markup — in the overlay or in the host page.
 */
test('injection payloads in ticket fields and a script body are shown as text and never run', async ({
  extension,
  zendeskOrigin,
}) => {
  test.setTimeout(120_000);
  const backend = await startTestBackend();
  try {
    // A trainer's script whose body carries every payload, matched to the fixture ticket by its keywords.
    const hostile = ScriptEntry.parse({
      id: 'hostile-body',
      title: 'Invoice export (hostile body)',
      body: `Hello {{customer.name}} ${payloads.join(' ')}`,
      locale: 'en',
      scenario: 'how_to',
      tags: ['billing', 'how-to'],
      triggerKeywords: ['export', 'invoices', 'csv', 'download', 'how do i', 'where can i'],
    });
    await publishScripts(backend.db, backend.demo?.orgId ?? '', [hostile]);
    await configureExtension(extension, {
      backendUrl: backend.url,
      agentToken: backend.demo?.agentToken,
    });
    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await popup.getByRole('button', { name: 'Sync now' }).click();

    const page = await extension.context.newPage();
    // The pull "Sync now" started finishes in the background: wait until the overlay ranks the pulled catalog.
    await expect(async () => {
      await page.goto(`${zendeskOrigin}/agent/tickets/1003`);
      await expect(page.locator(`${ACTIVE_OVERLAY} [data-script="hostile-body"]`)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const [index, payload] of payloads.entries()) {
      await page.goto(`${zendeskOrigin}/agent/tickets/1003?inject=${index}`);
      const overlay = page.locator(ACTIVE_OVERLAY);
      await expect(overlay).toHaveAttribute('data-state', 'ready');
      // Shown exactly as text.
      await expect(overlay.locator('.dl-requester')).toHaveText(`Requester: ${payload}`);
      await expect(overlay.locator('.dl-subject')).toHaveText(`Invoice export ${payload}`);
      const script = overlay.locator('[data-script="hostile-body"] .dl-script-preview');
      await expect(script).toContainText(payloads[0] as string);
      // Nothing ran, and no markup appeared in the overlay or leaked into the host page.
      expect(
        await page.evaluate(() => (window as unknown as { __desklensPwned?: number }).__desklensPwned),
      ).toBeUndefined();
      expect(await overlay.locator('img, script, svg, iframe, a').count()).toBe(0);
      expect(await page.locator('body > img, body > svg, body > iframe, main img, main svg, main iframe').count()).toBe(
        0,
      );
    }
    expect(dialogs).toEqual([]);
  } finally {
    await backend.dispose();
  }
});
