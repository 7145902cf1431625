import { ACTIVE_OVERLAY, expect, test } from './fixtures';

test('the agent sets their own keys in options: a bad one is refused by name, the new ones work at once', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await expect(overlay.locator('[data-score="4"]')).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+4');

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await options.locator('#dl-scoreShortcut').fill('Shift');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.locator('[data-field="scoreShortcut"]').getByRole('alert')).toContainText('Ctrl, Alt or Meta');
  await options.locator('#dl-scoreShortcut').fill('Ctrl+Alt');
  await options.locator('#dl-searchShortcut').fill('Ctrl+Alt+2');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.locator('[data-field="searchShortcut"]').getByRole('alert')).toContainText('scoring 2');
  await options.locator('#dl-searchShortcut').fill('Alt+K');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved');
  await options.close();

  // The open ticket picks the new keys up without a reload.
  await expect(overlay.locator('[data-score="4"]')).toHaveAttribute('aria-keyshortcuts', 'Control+Alt+4');
  await page.locator('input[data-test-id="omni-header-subject"]').first().focus();
  await page.keyboard.press('Alt+Shift+Digit3');
  await expect(overlay.locator('.dl-feedback [aria-pressed="true"]')).toHaveCount(0);
  await page.keyboard.press('Control+Alt+Digit4');
  await expect(overlay.locator('[data-score="4"]')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Alt+KeyK');
  await expect(overlay.locator('#dl-script-search')).toBeFocused();
  await expect(overlay.locator('#dl-script-search')).toHaveAttribute('aria-keyshortcuts', 'Alt+K');
});
