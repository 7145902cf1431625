import { expect, test } from './fixtures';

test('options refuse an invalid value, name the field, and save nothing', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await page.locator('#dl-backendUrl').fill('ftp://desklens.example.com');
  await page.locator('#dl-team').fill('tier-2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('[data-field="backendUrl"]').getByRole('alert')).toContainText('Not saved');
  const stored = await page.evaluate(async () => {
    // why: runs in the extension page, where `chrome` exists but is not typed here.
    const storage = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }
    ).chrome.storage.local;
    return (await storage.get('settings')).settings ?? null;
  });
  expect(stored).toBeNull();

  await page.locator('#dl-backendUrl').fill('https://desklens.example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved');
});
